import { fileURLToPath } from 'node:url';

/**
 * Path of a shipped asset in the package's dist/assets/. Resolved from this module's own URL, which
 * sits two folders below the package root both in dist/node/data/ (installed) and in src/node/data/
 * (tests run on sources), so one relative path serves both.
 */
export function assetPath(file: string): string {
  return fileURLToPath(new URL(`../../../dist/assets/${file}`, import.meta.url));
}
