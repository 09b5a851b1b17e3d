import { loadBuiltinDataset } from '@backprop/core/node';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/run-cli.js';
import { readDigitImage } from './digit-image.js';

let digits: Float32Array[] = [];

/** Pearson correlation of two equal-length arrays. */
function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Draws a 28×28 digit `scale`× larger at (left, top) on a width×height canvas in the given colours. */
function drawDigit(digit: Float32Array, o: { width: number; height: number; left: number; top: number; scale: number; ink: number[]; paper: number[] }): Buffer {
  const png = new PNG({ width: o.width, height: o.height });
  for (let y = 0; y < o.height; y++) {
    for (let x = 0; x < o.width; x++) {
      const dx = Math.floor((x - o.left) / o.scale);
      const dy = Math.floor((y - o.top) / o.scale);
      const v = dx >= 0 && dx < 28 && dy >= 0 && dy < 28 ? digit[dy * 28 + dx]! : 0;
      const i = 4 * (y * o.width + x);
      for (let c = 0; c < 3; c++) png.data[i + c] = Math.round(o.paper[c]! * (1 - v) + o.ink[c]! * v);
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

beforeAll(async () => {
  const mnist = await loadBuiltinDataset('mnist');
  digits = [0, 1500, 4000, 9000].map((r) => mnist.x.slice(r * 784, (r + 1) * 784));
});

describe('image → MNIST-style digit', () => {
  it('recovers MNIST digits drawn dark on light paper, larger and off-centre', async () => {
    const dir = tempDir();
    for (const [i, digit] of digits.entries()) {
      const file = join(dir, `d${i}.png`);
      writeFileSync(file, drawDigit(digit, { width: 300, height: 220, left: 20 + 30 * i, top: 10, scale: 7, ink: [20, 20, 30], paper: [250, 248, 240] }));
      const result = await readDigitImage(file);
      expect(result.darkOnLight).toBe(true);
      expect(result.pixels).toHaveLength(784);
      expect(correlation(result.pixels, digit)).toBeGreaterThan(0.85);
    }
  });

  it('recovers light-on-dark coloured digits too', async () => {
    const dir = tempDir();
    const file = join(dir, 'screen.png');
    writeFileSync(file, drawDigit(digits[1]!, { width: 150, height: 150, left: 30, top: 12, scale: 4, ink: [255, 230, 80], paper: [10, 20, 60] }));
    const result = await readDigitImage(file);
    expect(result.darkOnLight).toBe(false);
    expect(correlation(result.pixels, digits[1]!)).toBeGreaterThan(0.85);
  });

  it('centres the digit by mass and fits its ink in a 20-pixel box', async () => {
    const dir = tempDir();
    const file = join(dir, 'd.png');
    writeFileSync(file, drawDigit(digits[2]!, { width: 400, height: 400, left: 250, top: 250, scale: 5, ink: [0, 0, 0], paper: [255, 255, 255] }));
    const { pixels } = await readDigitImage(file);
    let mass = 0;
    let mx = 0;
    let my = 0;
    let x0 = 28;
    let x1 = -1;
    let y0 = 28;
    let y1 = -1;
    for (let y = 0; y < 28; y++) {
      for (let x = 0; x < 28; x++) {
        const v = pixels[y * 28 + x]!;
        mass += v;
        mx += v * x;
        my += v * y;
        if (v > 0.2) {
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x);
          y0 = Math.min(y0, y);
          y1 = Math.max(y1, y);
        }
      }
    }
    expect(Math.abs(mx / mass - 14)).toBeLessThan(0.75);
    expect(Math.abs(my / mass - 14)).toBeLessThan(0.75);
    expect(Math.max(x1 - x0 + 1, y1 - y0 + 1)).toBeLessThanOrEqual(21);
    expect(Math.max(x1 - x0 + 1, y1 - y0 + 1)).toBeGreaterThanOrEqual(18);
  });

  it('refuses a blank image and a file that is not an image', async () => {
    const dir = tempDir();
    const blank = new PNG({ width: 10, height: 10 });
    blank.data.fill(255);
    writeFileSync(join(dir, 'blank.png'), PNG.sync.write(blank));
    await expect(readDigitImage(join(dir, 'blank.png'))).rejects.toThrow(/shows no digit/);
    writeFileSync(join(dir, 'fake.png'), 'not a png');
    // The decoder's own words ("Could not find MIME for Buffer") do not tell a user what is wrong.
    await expect(readDigitImage(join(dir, 'fake.png'))).rejects.toThrow(
      /cannot read image '.*fake\.png': it is damaged or not an image in a format predict reads \(png, jpg, bmp, gif, tif\)/,
    );
    writeFileSync(join(dir, 'cut.png'), PNG.sync.write(blank).subarray(0, 40));
    await expect(readDigitImage(join(dir, 'cut.png'))).rejects.toThrow(/cannot read image '.*cut\.png': it is damaged or not an image/);
  });
});
