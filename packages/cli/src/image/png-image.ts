/** Grayscale and RGB images to PNG bytes (pngjs encodes; nothing hand-written here). */
import { PNG } from 'pngjs';

/** A grayscale image (values in [0, 1], row-major) as PNG; `invert` draws ink dark on white. */
export function grayToPng(values: ArrayLike<number>, width: number, height: number, options: { invert?: boolean; scale?: number } = {}): Buffer {
  const scale = options.scale ?? 1;
  const png = new PNG({ width: width * scale, height: height * scale });
  for (let y = 0; y < height * scale; y++) {
    for (let x = 0; x < width * scale; x++) {
      const v = Math.min(1, Math.max(0, values[Math.floor(y / scale) * width + Math.floor(x / scale)] ?? 0));
      const g = Math.round((options.invert ? 1 - v : v) * 255);
      const o = 4 * (y * width * scale + x);
      png.data[o] = g;
      png.data[o + 1] = g;
      png.data[o + 2] = g;
      png.data[o + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** An RGBA pixel buffer (width × height × 4 bytes) as PNG. */
export function rgbaToPng(rgba: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  png.data.set(rgba);
  return PNG.sync.write(png);
}
