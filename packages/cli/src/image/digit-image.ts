/**
 * An image file → one MNIST-style input row, made the way the MNIST digits were made
 * (LeCun et al.): grayscale ink in [0, 1] on a zero background, cropped to the ink, scaled
 * so that its longer side is 20 pixels (aspect kept, anti-aliased), then placed in a 28×28
 * field so that its centre of mass sits at the centre.
 *
 * Any size, colour or grey, and either polarity: the background is taken to be the colour of
 * the image's border, so dark ink on light paper and light ink on a dark screen both work.
 * Transparent pixels count as background. Decoding and resizing are jimp's; the file is
 * checked against the image limits before it is decoded, and decoded where it can be stopped
 * (image-guard.ts, decode-image.ts).
 */
import { Jimp } from 'jimp';
import { CliError } from '../errors.js';
import { decodeImage, DecodeError, type Bitmap } from './decode-image.js';
import { guardImageBytes, readGuardedImage, unreadableImage } from './image-guard.js';
import type { ImageHeader } from './image-header.js';
import { imageLimits, type ImageLimits } from './image-limits.js';

/** Ink below this fraction of the full range is background when cropping (JPEG noise, paper texture). */
const INK_THRESHOLD = 0.2;

export interface DigitImage {
  /** side × side values in [0, 1], row-major, ink = 1. */
  readonly pixels: Float32Array;
  readonly side: number;
  /** Whether the source was dark ink on a light background. */
  readonly darkOnLight: boolean;
}

/** Luminance (ITU-R BT.601) of each pixel, composited over the background where transparent. */
function luminance(bitmap: Bitmap): { lum: Float32Array; alpha: Float32Array } {
  const n = bitmap.width * bitmap.height;
  const lum = new Float32Array(n);
  const alpha = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = bitmap.data[4 * i]!;
    const g = bitmap.data[4 * i + 1]!;
    const b = bitmap.data[4 * i + 2]!;
    lum[i] = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    alpha[i] = bitmap.data[4 * i + 3]! / 255;
  }
  return { lum, alpha };
}

/** Median of the opaque border pixels' luminance: the background level. */
function borderLevel(lum: Float32Array, alpha: Float32Array, width: number, height: number): number {
  const values: number[] = [];
  const take = (x: number, y: number): void => {
    const i = y * width + x;
    if (alpha[i]! > 0.5) values.push(lum[i]!);
  };
  for (let x = 0; x < width; x++) {
    take(x, 0);
    take(x, height - 1);
  }
  for (let y = 1; y < height - 1; y++) {
    take(0, y);
    take(width - 1, y);
  }
  if (values.length === 0) return Number.NaN; // transparent border: background is transparency
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)]!;
}

/** Reads an image file and makes it an MNIST-style side×side digit (default 28, digit box 20). */
export async function readDigitImage(path: string, side = 28, limits: ImageLimits = imageLimits()): Promise<DigitImage> {
  const { bytes, header } = readGuardedImage(path, limits);
  return digitFromImage(path, bytes, header, side, limits);
}

/**
 * An image in memory (a request's base64 PNG) made an MNIST-style digit, as readDigitImage does
 * a file; `path` names it in messages.
 */
export async function digitFromBytes(path: string, bytes: Uint8Array, side = 28, limits: ImageLimits = imageLimits()): Promise<DigitImage> {
  if (bytes.length > limits.maxFileBytes) throw new CliError(`image '${path}' is over the ${limits.maxFileBytes}-byte limit for images.`);
  return digitFromImage(path, bytes, guardImageBytes(path, bytes, limits), side, limits);
}

async function digitFromImage(path: string, bytes: Uint8Array, header: ImageHeader, side: number, limits: ImageLimits): Promise<DigitImage> {
  let bitmap: Bitmap;
  try {
    bitmap = await decodeImage(path, bytes, header.format, limits);
  } catch (error) {
    // The decoder's messages ("Invalid block size") are kept only as a detail.
    if (error instanceof DecodeError) throw unreadableImage(path, error.message);
    throw error;
  }
  const { width, height } = bitmap;
  if (width * height > limits.maxPixels || bitmap.data.length < 4 * width * height) throw unreadableImage(path, `the decoder made a ${width}×${height} bitmap`);
  const { lum, alpha } = luminance(bitmap);
  const background = borderLevel(lum, alpha, width, height);
  // Transparent background: ink is opacity (times darkness contrast is unknown, so opacity alone).
  const darkOnLight = Number.isNaN(background) ? true : background >= 0.5;
  const ink = new Float32Array(width * height);
  let maxInk = 0;
  for (let i = 0; i < ink.length; i++) {
    let v: number;
    if (Number.isNaN(background)) v = alpha[i]!;
    else v = alpha[i]! * (darkOnLight ? background - lum[i]! : lum[i]! - background);
    ink[i] = Math.max(0, v);
    if (ink[i]! > maxInk) maxInk = ink[i]!;
  }
  if (maxInk < 0.05) throw new CliError(`image '${path}' shows no digit: it is one flat colour.`);
  // Contrast stretch so the strongest ink is 1, then find the ink's bounding box.
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      ink[i] = ink[i]! / maxInk;
      if (ink[i]! >= INK_THRESHOLD) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  const boxW = x1 - x0 + 1;
  const boxH = y1 - y0 + 1;

  // Ink as a grey image (white = ink), cropped and resized by jimp.
  const crop = new Jimp({ width: boxW, height: boxH, color: 0x000000ff });
  for (let y = 0; y < boxH; y++) {
    for (let x = 0; x < boxW; x++) {
      const v = Math.round(ink[(y0 + y) * width + (x0 + x)]! * 255);
      const o = 4 * (y * boxW + x);
      crop.bitmap.data[o] = v;
      crop.bitmap.data[o + 1] = v;
      crop.bitmap.data[o + 2] = v;
      crop.bitmap.data[o + 3] = 255;
    }
  }
  const box = Math.round((side * 20) / 28);
  const scale = box / Math.max(boxW, boxH);
  const w = Math.max(1, Math.round(boxW * scale));
  const h = Math.max(1, Math.round(boxH * scale));
  crop.resize({ w, h });

  // Centre of mass of the resized digit, then place it so that the centre of mass lands at the centre.
  const small = new Float32Array(w * h);
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = Math.min(1, Math.max(0, crop.bitmap.data[4 * (y * w + x)]! / 255));
      small[y * w + x] = v;
      mass += v;
      mx += v * x;
      my += v * y;
    }
  }
  const cx = mass > 0 ? mx / mass : (w - 1) / 2;
  const cy = mass > 0 ? my / mass : (h - 1) / 2;
  // MNIST's digits have their centre of mass at pixel (14, 14) of 28 (measured over the set: 14.00, 14.00).
  const offX = Math.round(side / 2 - cx);
  const offY = Math.round(side / 2 - cy);
  const pixels = new Float32Array(side * side);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const tx = x + offX;
      const ty = y + offY;
      if (tx >= 0 && tx < side && ty >= 0 && ty < side) pixels[ty * side + tx] = small[y * w + x]!;
    }
  }
  return { pixels, side, darkOnLight };
}
