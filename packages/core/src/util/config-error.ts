/**
 * The error resolveConfig throws. Its message names TrainConfig keys; the keys are kept apart
 * (`{optimizer.lr}` placeholders in `template`) so that a front end can show them in its own
 * words: the CLI renders `optimizer.lr` as `--lr` and `batchSize` as `--batch-size`.
 */
export class ConfigError extends Error {
  override readonly name: string = 'ConfigError';

  /**
   * @param template the message, with each config key written as `{key}` (e.g. `{loss} 'cross-entropy' needs 2 outputs`)
   * @param keys the keys the problem is about, the first being the one to fix
   */
  constructor(
    readonly template: string,
    readonly keys: readonly string[],
  ) {
    super(ConfigError.render(template, (key) => key));
  }

  /** The message with every `{key}` written as `nameOf(key)`. */
  format(nameOf: (key: string) => string): string {
    return ConfigError.render(this.template, nameOf);
  }

  private static render(template: string, nameOf: (key: string) => string): string {
    return template.replace(/\{([A-Za-z.]+)\}/g, (_, key: string) => nameOf(key));
  }
}
