/**
 * The one mapping from TrainConfig keys to `train` flags: the key's last segment in kebab case,
 * the parent's name for `.name` (`optimizer.lr` → `--lr`, `optimizer.name` → `--optimizer`,
 * `batchSize` → `--batch-size`). Core's errors name config keys; the CLI shows them as flags
 * through this function alone.
 */
export function flagOf(key: string): string {
  const parts = key.split('.');
  const leaf = parts.length > 1 && parts[parts.length - 1] === 'name' ? parts[parts.length - 2] : parts[parts.length - 1];
  return `--${(leaf ?? key).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
