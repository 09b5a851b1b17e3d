/**
 * Refuse options a layer does not know. The LayerSpec type has an open member (for user layers),
 * so TypeScript cannot catch a misspelt option such as `activaton`; without this check the layer
 * would silently use its default and train a different network than the one written.
 */
import type { LayerSpec } from '../types.js';

/** Throws naming the first key of `spec` that is not `type` or one of `known`. */
export function checkSpecKeys(spec: LayerSpec, known: readonly string[], where: string): void {
  for (const key of Object.keys(spec)) {
    if (key !== 'type' && !known.includes(key)) {
      throw new Error(`${where}: unknown option '${key}' (expected ${known.join(', ')})`);
    }
    // JSON (model files, configs) can say null; read as "absent" it would quietly become the default.
    if ((spec as Record<string, unknown>)[key] === null) throw new Error(`${where}: option '${key}' is null (leave it out for the default)`);
  }
}
