import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gifFile, pngFile, sampleImages } from '../test-support/image-files.js';
import { tempDir } from '../test-support/run-cli.js';
import { DamagedImageError, pngInflatedBytes, readImageHeader } from './image-header.js';
import { readGuardedImage } from './image-guard.js';
import { imageLimits } from './image-limits.js';

describe('image headers, read without decoding', () => {
  it('reads the width and height of a small image in every format predict reads', async () => {
    const samples = await sampleImages();
    for (const [format, bytes] of Object.entries(samples)) {
      const header = readImageHeader(bytes)!;
      expect(header.format).toBe(format);
      expect([header.width, header.height]).toEqual([24, 20]);
    }
  });

  it('knows the formats by their first bytes, not their names, and nothing else', () => {
    expect(readImageHeader(Buffer.from('not an image'))).toBeUndefined();
    expect(readImageHeader(Buffer.alloc(0))).toBeUndefined();
    expect(readImageHeader(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBeUndefined();
  });

  it('reads the declared size of a PNG, a GIF frame, a BMP and a TIFF page up to their field limits', () => {
    expect(readImageHeader(pngFile({ width: 0xffffffff, height: 3 }))).toMatchObject({ width: 4294967295, height: 3 });
    const gif = readImageHeader(gifFile(65535, 65000, [[5, 3]], { width: 10, height: 10 }))!;
    expect(gif.rasters.map((r) => [r.what, r.width, r.height])).toEqual([
      ['image', 10, 10],
      ['frame', 65535, 65000],
    ]);
    const bmp = Buffer.alloc(54);
    bmp.write('BM', 0, 'latin1');
    bmp.writeUInt32LE(40, 14);
    bmp.writeUInt32LE(70000, 18);
    bmp.writeInt32LE(-90000, 22); // negative: top-down rows
    expect(readImageHeader(bmp)).toMatchObject({ format: 'bmp', width: 70000, height: 90000 });
  });

  it('counts the bytes PNG scanlines inflate to, with Adam7 passes when interlaced', () => {
    expect(pngInflatedBytes(10, 3, 8, false)).toBe(3 * 11);
    expect(pngInflatedBytes(10, 3, 1, false)).toBe(3 * 3);
    // 8×8 grey, 8 bits: passes of 1×1, 1×1, 2×1, 2×2, 4×2, 4×4, 8×4 pixels.
    expect(pngInflatedBytes(8, 8, 8, true)).toBe(2 + 2 + 3 + 2 * 3 + 2 * 5 + 4 * 5 + 4 * 9);
    expect(pngInflatedBytes(1, 1, 8, true)).toBe(2);
  });

  it('calls a header cut short damaged, for every format', async () => {
    const samples = await sampleImages();
    const cuts: Record<string, number> = { png: 20, jpeg: 4, gif: 10, bmp: 20, tiff: 6 };
    for (const [format, bytes] of Object.entries(samples)) {
      expect(() => readImageHeader(bytes.subarray(0, cuts[format])), format).toThrow(DamagedImageError);
    }
  });

  it('refuses an oversized image by its header, naming its size and the limit', () => {
    const dir = tempDir();
    const file = join(dir, 'x.png');
    writeFileSync(file, pngFile({ width: 20000, height: 20000 }));
    expect(() => readGuardedImage(file, imageLimits({}))).toThrow(
      `image '${file}' is 20000×20000 pixels (400 MP), more than the 16 MP limit (BACKPROP_IMAGE_MAX_MP raises it).`,
    );
    expect(() => readGuardedImage(file, imageLimits({ BACKPROP_IMAGE_MAX_MP: '500' }))).not.toThrow();
    expect(() => imageLimits({ BACKPROP_IMAGE_MAX_MP: 'lots' })).toThrow("BACKPROP_IMAGE_MAX_MP must be a positive number, not 'lots'.");
  });
});
