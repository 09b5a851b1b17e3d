/**
 * How much of an image predict is willing to read and decode. An image file is untrusted
 * input: its header can declare any size and its compressed data can expand without bound,
 * so these limits are checked from the file's header before any decoder runs, and the
 * decoder itself runs under a memory limit and a clock (see decode-image.ts).
 *
 * Each limit can be raised (or lowered) for one run through an environment variable.
 */
import { CliError } from '../errors.js';

/** A digit needs a few hundred pixels; a photo of one a few megapixels. */
export const DEFAULT_MAX_MEGAPIXELS = 16;
/** Files larger than this are refused before they are read. */
export const DEFAULT_MAX_FILE_MB = 64;
/** Wall-clock time one decode may take before it is stopped. */
export const DEFAULT_DECODE_SECONDS = 10;
/** Heap of the decoder's worker thread (pixel buffers live outside it and are bounded by the pixel limit). */
export const DECODER_HEAP_MB = 512;

export const ENV_MAX_MEGAPIXELS = 'BACKPROP_IMAGE_MAX_MP';
export const ENV_MAX_FILE_MB = 'BACKPROP_IMAGE_MAX_MB';
export const ENV_DECODE_SECONDS = 'BACKPROP_IMAGE_DECODE_SECONDS';

export interface ImageLimits {
  readonly maxPixels: number;
  readonly maxFileBytes: number;
  readonly decodeMs: number;
}

function positiveFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new CliError(`${name} must be a positive number, not '${raw}'.`);
  return value;
}

/** The limits in force: the defaults above, or the environment's values. */
export function imageLimits(env: NodeJS.ProcessEnv = process.env): ImageLimits {
  return {
    maxPixels: Math.round(positiveFromEnv(env, ENV_MAX_MEGAPIXELS, DEFAULT_MAX_MEGAPIXELS) * 1e6),
    maxFileBytes: Math.round(positiveFromEnv(env, ENV_MAX_FILE_MB, DEFAULT_MAX_FILE_MB) * 1024 * 1024),
    decodeMs: Math.round(positiveFromEnv(env, ENV_DECODE_SECONDS, DEFAULT_DECODE_SECONDS) * 1000),
  };
}

/** 400 MP, 0.3 MP, 16 MP: megapixels as a person writes them. */
export function megapixels(pixels: number): string {
  const mp = pixels / 1e6;
  return `${mp >= 10 ? Math.round(mp) : Number(mp.toPrecision(2))} MP`;
}
