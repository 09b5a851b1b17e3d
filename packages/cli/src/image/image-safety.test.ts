/**
 * Hostile and damaged images given to `backprop predict`: each ends with a prediction or a
 * one-line refusal (exit 1), never a crash, a stack trace, a hang or an unbounded allocation.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../errors.js';
import { loopingGif, pngFile, sampleImages } from '../test-support/image-files.js';
import { runCli, tempDir, type CliResult } from '../test-support/run-cli.js';
import { readDigitImage } from './digit-image.js';
import { imageLimits } from './image-limits.js';

type Format = 'png' | 'jpeg' | 'gif' | 'bmp' | 'tiff';
const EXT: Record<Format, string> = { png: 'png', jpeg: 'jpg', gif: 'gif', bmp: 'bmp', tiff: 'tif' };

let dir = '';
let samples: Record<Format, Buffer>;

beforeAll(async () => {
  dir = tempDir();
  const trained = await runCli(['train', '--data', 'mnist', '--layers', '8', '--epochs', '1', '--save', 'm.bpm', '--quiet'], { cwd: dir });
  expect(trained.code).toBe(0);
  samples = await sampleImages();
});

function predict(name: string, bytes: Uint8Array, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  writeFileSync(join(dir, name), bytes);
  return runCli(['predict', '--model', 'm.bpm', '--input', name], { cwd: dir, env });
}

/** Exit 1 with exactly one line on stderr, the given refusal, and no stack trace. */
function expectRefusal(result: CliResult, message: RegExp | string): void {
  expect(result.signal).toBeNull();
  expect(result.code).toBe(1);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toMatch(/\n\s+at /);
  if (typeof message === 'string') expect(lines[0]).toBe(`backprop: error: ${message}`);
  else expect(lines[0]).toMatch(message);
}

describe('backprop predict refuses images past the limits before decoding them', () => {
  it('a tiny PNG whose header declares billions of pixels', async () => {
    const result = await predict('huge.png', pngFile({ width: 100000, height: 100000, bitDepth: 1 }));
    expectRefusal(result, "image 'huge.png' is 100000×100000 pixels (10000 MP), more than the 16 MP limit (BACKPROP_IMAGE_MAX_MP raises it).");
    const widest = await predict('widest.png', pngFile({ width: 0xffffffff, height: 0xffffffff }));
    expectRefusal(widest, "image 'widest.png' is 4294967295×4294967295 pixels (18446744065120 MP), more than the 16 MP limit (BACKPROP_IMAGE_MAX_MP raises it).");
  });

  it('a valid, small PNG file of 20000×20000 pixels', async () => {
    // 1-bit grey: 20000 rows of a filter byte and 2500 zero bytes, about 50 KB compressed.
    const scanlines = new Uint8Array(20000 * 2501);
    const result = await predict('big.png', pngFile({ width: 20000, height: 20000, bitDepth: 1, scanlines }));
    expectRefusal(result, "image 'big.png' is 20000×20000 pixels (400 MP), more than the 16 MP limit (BACKPROP_IMAGE_MAX_MP raises it).");
  });

  it('a PNG whose data inflates to far more than its pixels take (a zlib bomb), interlaced or not', async () => {
    const bomb = new Uint8Array(64 * 1024 * 1024);
    for (const interlace of [0, 1]) {
      const result = await predict(`bomb${interlace}.png`, pngFile({ width: 1000, height: 1000, interlace, scanlines: bomb }));
      const need = 1000 * 1000 + (interlace ? 125 + 125 + 125 + 250 + 250 + 500 + 500 : 1000); // and one filter byte a row (of each pass)
      expectRefusal(result, new RegExp(`image 'bomb${interlace}\\.png' decompresses to more than the ${need} bytes its 1000×1000 pixels take`));
    }
  });

  it('a file larger than the file size limit, and the limits set through the environment', async () => {
    const result = await predict('d.bmp', samples.bmp, { BACKPROP_IMAGE_MAX_MB: '0.001' });
    expectRefusal(result, "image 'd.bmp' is 0.00143 MB, more than the 0.001 MB limit for image files (BACKPROP_IMAGE_MAX_MB raises it).");
    const small = await predict('d.png', samples.png, { BACKPROP_IMAGE_MAX_MP: '0.0001' });
    expectRefusal(small, "image 'd.png' is 24×20 pixels (0.00048 MP), more than the 0.0001 MP limit (BACKPROP_IMAGE_MAX_MP raises it).");
    const wrong = await predict('d.png', samples.png, { BACKPROP_IMAGE_DECODE_SECONDS: '-1' });
    expectRefusal(wrong, "BACKPROP_IMAGE_DECODE_SECONDS must be a positive number, not '-1'.");
  });
});

describe('backprop predict stops a decoder that does not finish', () => {
  it('a damaged GIF whose LZW table loops forever ends in a refusal (default time limit)', async () => {
    const result = await predict('loop.gif', loopingGif());
    expectRefusal(result, "image 'loop.gif' took more than 10 s to decode as gif and was stopped: it is damaged or built to hang the decoder (BACKPROP_IMAGE_DECODE_SECONDS raises the limit).");
  });
});

describe('backprop predict on damaged images', () => {
  it('reads the intact small image of every format', async () => {
    for (const format of Object.keys(samples) as Format[]) {
      const result = await predict(`ok.${EXT[format]}`, samples[format]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^ok\\.${EXT[format]}: \\d  \\(`));
    }
  });

  it('refuses a truncated file of every format', async () => {
    for (const format of Object.keys(samples) as Format[]) {
      const bytes = samples[format];
      const result = await predict(`cut.${EXT[format]}`, bytes.subarray(0, Math.floor(bytes.length / 2)));
      expectRefusal(result, new RegExp(`^backprop: error: cannot read image 'cut\\.${EXT[format]}': it is damaged or not an image in a format predict reads`));
    }
  });
});

/** mulberry32: a small seeded generator, so that every run mutates the same way. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Offsets of the width and height fields each format's decoder reads. */
const SIZE_FIELDS: Record<Format, number[]> = { png: [16, 20], jpeg: [], gif: [6, 8], bmp: [18, 22], tiff: [] };

function mutate(bytes: Buffer, format: Format, next: () => number): Buffer {
  const out = Buffer.from(bytes);
  const pick = (n: number): number => Math.floor(next() * n);
  switch (pick(4)) {
    case 0: // bit flips anywhere
      for (let i = pick(8) + 1; i > 0; i--) out[pick(out.length)]! ^= 1 << pick(8);
      return out;
    case 1: // cut short
      return out.subarray(0, pick(out.length));
    case 2: // a header byte set to anything
      for (let i = pick(4) + 1; i > 0; i--) out[pick(Math.min(64, out.length))] = pick(256);
      return out;
    default: {
      // huge dimensions, where the format keeps them at a fixed place, else 0xff bytes in the header
      const fields = SIZE_FIELDS[format];
      if (fields.length > 0) for (const at of fields) out[at + pick(2)] = 0xff;
      else for (let i = 0; i < 4; i++) out[pick(Math.min(48, out.length))] = 0xff;
      return out;
    }
  }
}

describe('seeded fuzz of image inputs', () => {
  it('in process: every mutated image gives a digit or a one-line CliError', async () => {
    const next = random(20240607);
    const limits = { ...imageLimits({}), decodeMs: 3000 };
    const outcomes = { read: 0, refused: 0 };
    for (let round = 0; round < 12; round++) {
      for (const format of Object.keys(samples) as Format[]) {
        const file = join(dir, `fuzz-${round}.${EXT[format]}`);
        writeFileSync(file, mutate(samples[format], format, next));
        try {
          const digit = await readDigitImage(file, 28, limits);
          expect(digit.pixels).toHaveLength(784);
          outcomes.read++;
        } catch (error) {
          expect(error, `${file}: ${(error as Error).stack}`).toBeInstanceOf(CliError);
          expect((error as Error).message).not.toContain('\n');
          outcomes.refused++;
        }
      }
    }
    expect(outcomes.read + outcomes.refused).toBe(60);
    expect(outcomes.refused).toBeGreaterThan(0);
  });

  it('through the CLI: every mutated image gives exit 0 or a one-line refusal', async () => {
    const next = random(7);
    for (let round = 0; round < 3; round++) {
      for (const format of Object.keys(samples) as Format[]) {
        const name = `cli-fuzz-${round}.${EXT[format]}`;
        const result = await predict(name, mutate(samples[format], format, next), { BACKPROP_IMAGE_DECODE_SECONDS: '3' });
        expect(result.signal).toBeNull();
        if (result.code === 0) expect(result.stdout).toMatch(new RegExp(`^${name.replace('.', '\\.')}: \\d  \\(`));
        else expectRefusal(result, /^backprop: error: (cannot read image|image) '/);
      }
    }
  });
});
