/**
 * The models a server answers for, by name. Names and files come only from the command line
 * (and from finished training jobs, saved under the server's jobs folder): no request names a
 * file. `reload` reads every file again and swaps each model in only once it has loaded, so a
 * request in flight finishes on the model it started with, and a broken file keeps the old one.
 */
import { basename, extname } from 'node:path';
import { UsageError } from '../errors.js';
import { openModel, type OpenedModel } from '../model-io/open-model.js';
import type { BackendChoice } from '../options/common-options.js';
import { Batcher, type BatcherOptions } from './batcher.js';

/** Model names: letters, digits, '.', '_' and '-', as in a URL path segment with no escaping. */
export const MODEL_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;

export interface ServedModel {
  readonly name: string;
  readonly path: string;
  readonly opened: OpenedModel;
  readonly batcher: Batcher;
  readonly loadedAt: Date;
  /** 1 at start, +1 at every reload. */
  readonly version: number;
}

/** `--model` values: `path` (served under the file's name without extension) or `name=path`. */
export function parseModelArgument(raw: string): { name: string; path: string } {
  const eq = raw.indexOf('=');
  const name = eq > 0 ? raw.slice(0, eq) : basename(raw, extname(raw));
  const path = eq > 0 ? raw.slice(eq + 1) : raw;
  if (!MODEL_NAME.test(name)) {
    throw new UsageError(`--model ${raw}: the name '${name}' must be 1 to 64 letters, digits, '.', '_' or '-' (give --model name=path).`, 'serve');
  }
  if (path === '') throw new UsageError(`--model ${raw}: give the model file after '='.`, 'serve');
  return { name, path };
}

export class ModelRegistry {
  private readonly models = new Map<string, ServedModel>();

  constructor(
    private readonly backend: BackendChoice,
    private readonly batching: Omit<BatcherOptions, 'onBatch'>,
    /** Told the rows of every forward pass, by model name. */
    private readonly onBatch?: (name: string, rows: number) => void,
  ) {}

  get(name: string): ServedModel | undefined {
    return this.models.get(name);
  }

  names(): string[] {
    return [...this.models.keys()];
  }

  /** Loads `path` and serves it as `name` (replacing a model of that name only once loaded). */
  async add(name: string, path: string): Promise<ServedModel> {
    const opened = await openModel(path, this.backend);
    const { model } = opened;
    const onBatch = this.onBatch;
    const batcher = new Batcher((x, rows) => model.predict(x, rows), model.inputSize, model.outputSize, {
      ...this.batching,
      ...(onBatch ? { onBatch: (rows: number) => onBatch(name, rows) } : {}),
    });
    const served: ServedModel = { name, path, opened, batcher, loadedAt: new Date(), version: (this.models.get(name)?.version ?? 0) + 1 };
    this.models.set(name, served);
    return served;
  }

  /** Reads every model file again; a file that fails keeps its old model and is reported. */
  async reload(): Promise<{ name: string; error?: string }[]> {
    const results: { name: string; error?: string }[] = [];
    for (const { name, path } of [...this.models.values()]) {
      try {
        const old = this.models.get(name);
        await this.add(name, path);
        // Rows already waiting in the old batcher run on the old model now, not after a delay.
        old?.batcher.flush();
        results.push({ name });
      } catch (error) {
        results.push({ name, error: (error as Error).message });
      }
    }
    return results;
  }
}
