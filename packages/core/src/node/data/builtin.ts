import { readFileSync } from 'node:fs';
import { assetPath } from './asset-path.js';
import { loadDataset, type DatasetLoadContext } from '../../data/registry.js';
import type { Dataset } from '../../model/types.js';

/** Reads shipped assets from the package's dist/assets/. */
export const nodeAssetContext: DatasetLoadContext = {
  async readAsset(file: string): Promise<Uint8Array> {
    const path = assetPath(file);
    try {
      return readFileSync(path);
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (e as Error).message;
      throw new Error(`asset ${path}: ${reason}. Assets are made by \`pnpm --filter @backprop/core build\`.`);
    }
  },
};

/**
 * Load a registered data set by name (iris, mnist, and any registered later), reading assets from disk.
 * @param name a registered name, e.g. 'iris' or 'mnist'
 * @throws naming the known data sets for an unknown name, or the asset file when it is missing
 */
export function loadBuiltinDataset(name: string): Promise<Dataset> {
  return loadDataset(name, nodeAssetContext);
}
