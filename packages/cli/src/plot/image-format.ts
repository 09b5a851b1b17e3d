import { extname } from 'node:path';
import { UsageError } from '../errors.js';

export type ImageFormat = 'svg' | 'png';

/** The image format a --plot path asks for, from its extension (checked before any work starts). */
export function imageFormatOf(path: string, option = '--plot'): ImageFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.svg') return 'svg';
  if (ext === '.png') return 'png';
  throw new UsageError(`${option} '${path}': the file name must end in .svg or .png.`);
}
