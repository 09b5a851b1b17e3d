/**
 * Decodes image bytes with jimp in a worker thread that can be stopped: it runs under a heap
 * limit and a wall-clock limit, and is terminated when it passes either, so a damaged file
 * that sends a decoder into an endless loop (an LZW code table that points at itself) or a
 * runaway allocation ends in a one-line refusal instead of a hung or killed process.
 *
 * The worker's code is a short CommonJS script given as a string, so that it runs the same
 * from the compiled CLI and from the TypeScript sources under test; it loads jimp from the
 * path this module resolves.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { CliError } from '../errors.js';
import type { ImageFormat } from './image-header.js';
import { DECODER_HEAP_MB, ENV_DECODE_SECONDS, type ImageLimits } from './image-limits.js';

export interface Bitmap {
  readonly width: number;
  readonly height: number;
  /** RGBA, 4 bytes a pixel, row-major. */
  readonly data: Uint8Array;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Jimp } = require(workerData.jimpPath);
const { bytes, maxMegapixels, maxMemoryMb } = workerData;
Jimp.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
  'image/jpeg': { maxResolutionInMP: maxMegapixels, maxMemoryUsageInMB: maxMemoryMb },
}).then(
  (image) => {
    const { width, height, data } = image.bitmap;
    const pixels = new Uint8Array(data.length);
    pixels.set(data);
    parentPort.postMessage({ width, height, data: pixels }, [pixels.buffer]);
  },
  (error) => parentPort.postMessage({ error: String((error && error.message) || error) }),
);
`;

let jimpPath: string | undefined;

/** Thrown for a decoder's own refusal (the bytes are damaged); the caller words the message. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

/**
 * The bytes' RGBA bitmap. Rejects with DecodeError when the decoder refuses the bytes, and with
 * a CliError naming `path` when the decoder runs out of time or memory.
 */
export function decodeImage(path: string, bytes: Uint8Array, format: ImageFormat, limits: ImageLimits): Promise<Bitmap> {
  jimpPath ??= createRequire(import.meta.url).resolve('jimp');
  // Pixel buffers live outside the worker's heap: they are bounded by the pixel limit, checked
  // from the header before this runs, and by jpeg-js's own limits passed here.
  const maxMegapixels = limits.maxPixels / 1e6;
  const maxMemoryMb = Math.ceil((limits.maxPixels * 16) / 1024 / 1024) + 64;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { jimpPath, bytes, maxMegapixels, maxMemoryMb },
    resourceLimits: { maxOldGenerationSizeMb: DECODER_HEAP_MB, maxYoungGenerationSizeMb: 64 },
    stdout: true, // the decoders' console warnings ("gif stream shorter than expected") are not ours to print
    stderr: true,
  });
  worker.stdout.resume();
  worker.stderr.resume();
  return new Promise<Bitmap>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => {
      const seconds = Number((limits.decodeMs / 1000).toPrecision(3));
      finish(() =>
        reject(
          new CliError(
            `image '${path}' took more than ${seconds} s to decode as ${format} and was stopped: it is damaged or built to hang the decoder (${ENV_DECODE_SECONDS} raises the limit).`,
          ),
        ),
      );
    }, limits.decodeMs);
    worker.once('message', (message: { error?: string; width?: number; height?: number; data?: Uint8Array }) => {
      finish(() => {
        if (message.error !== undefined) reject(new DecodeError(message.error));
        else resolve({ width: message.width!, height: message.height!, data: message.data! });
      });
    });
    worker.once('error', (error: Error & { code?: string }) => {
      finish(() => {
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          reject(new CliError(`image '${path}' needed more than ${DECODER_HEAP_MB} MB to decode as ${format} and was stopped: it is damaged or built to exhaust memory.`));
        } else {
          reject(new DecodeError(error.message));
        }
      });
    });
    worker.once('exit', (code) => finish(() => reject(new DecodeError(`the decoder stopped (exit code ${code})`))));
  });
}
