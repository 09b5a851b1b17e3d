/**
 * The digits as files for a Python peer: images as raw float32 (rows × 784, row-major) and labels
 * as one uint8 class per row, in a fresh temporary folder that `cleanup` removes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { argmaxRows, type Dataset } from '@backprop/core';

export interface DigitFiles {
  readonly x: string;
  readonly y: string;
  readonly cleanup: () => void;
}

/** Writes `data` as x.f32 / y.u8 in a new folder named after `prefix` under the system's temporary folder. */
export function writeDigitFiles(data: Dataset, prefix: string): DigitFiles {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const x = join(dir, 'x.f32');
  const y = join(dir, 'y.u8');
  writeFileSync(x, new Uint8Array(data.x.buffer, data.x.byteOffset, data.x.byteLength));
  writeFileSync(y, Uint8Array.from(argmaxRows(data.y, data.outputSize)));
  return { x, y, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
