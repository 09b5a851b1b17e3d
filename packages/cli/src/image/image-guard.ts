/**
 * Reads an image file only when its size, its declared dimensions and (for PNG) the size its
 * compressed data inflates to are within the limits (image-limits.ts), so that a small file
 * declaring billions of pixels, or a zlib bomb, is refused before any decoder allocates for it.
 */
import { readFileSync, statSync } from 'node:fs';
import { constants as zlibConstants, inflateSync } from 'node:zlib';
import { CliError } from '../errors.js';
import { DamagedImageError, readImageHeader, type ImageHeader, type Raster } from './image-header.js';
import { ENV_MAX_FILE_MB, ENV_MAX_MEGAPIXELS, megapixels, type ImageLimits } from './image-limits.js';

/** Decoded bytes allowed per pixel of the limit: 16-bit RGBA, the widest raster a decoder makes. */
const MAX_BYTES_PER_PIXEL = 8;

/** The refusal for a file that is damaged or in no format the decoder reads. */
export function unreadableImage(path: string, detail?: string): CliError {
  return new CliError(
    `cannot read image '${path}': it is damaged or not an image in a format predict reads (png, jpg, bmp, gif, tif)${detail ? ` [${detail}]` : ''}.`,
  );
}

function checkRaster(path: string, raster: Raster, limits: ImageLimits): void {
  const pixels = raster.width * raster.height;
  const size = `${raster.width}×${raster.height} pixels (${megapixels(pixels)})`;
  const limit = `more than the ${megapixels(limits.maxPixels)} limit (${ENV_MAX_MEGAPIXELS} raises it)`;
  if (pixels > limits.maxPixels) {
    const what = raster.what === 'image' ? `is ${size}` : `declares a ${raster.what} of ${size}`;
    throw new CliError(`image '${path}' ${what}, ${limit}.`);
  }
  const bytes = Math.ceil((raster.width * raster.bitsPerPixel) / 8) * raster.height;
  if (bytes > limits.maxPixels * MAX_BYTES_PER_PIXEL) {
    throw new CliError(`image '${path}' declares ${raster.bitsPerPixel} bits per pixel for a ${raster.what} of ${size}, ${bytes} bytes, more than the decoder may allocate.`);
  }
}

/** Refuses PNG data that inflates to more bytes than its declared scanlines take (a zlib bomb). */
function checkPngInflation(path: string, header: ImageHeader): void {
  const png = header.png;
  if (!png || png.idat.length === 0) return;
  try {
    // Sync flush: a stream cut short is not an error here (the decoder judges the damage).
    inflateSync(Buffer.concat(png.idat), { maxOutputLength: Math.max(1, png.inflatedBytes), finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new CliError(
        `image '${path}' decompresses to more than the ${png.inflatedBytes} bytes its ${header.width}×${header.height} pixels take: it is damaged or built to exhaust memory.`,
      );
    }
    // Other zlib errors: damaged data, which the decoder reports.
  }
}

/** The file's bytes and header, once the file is known to be within the limits. */
export function readGuardedImage(path: string, limits: ImageLimits): { bytes: Buffer; header: ImageHeader } {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new CliError(`cannot read image '${path}': ${(error as Error).message}.`);
  }
  if (size > limits.maxFileBytes) {
    const mb = (n: number): string => `${Number((n / 1024 / 1024).toPrecision(3))} MB`;
    throw new CliError(`image '${path}' is ${mb(size)}, more than the ${mb(limits.maxFileBytes)} limit for image files (${ENV_MAX_FILE_MB} raises it).`);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new CliError(`cannot read image '${path}': ${(error as Error).message}.`);
  }
  // The file may have grown since it was measured.
  if (bytes.length > limits.maxFileBytes) throw new CliError(`image '${path}' grew past the image file limit while it was read.`);
  return { bytes, header: guardImageBytes(path, bytes, limits) };
}

/**
 * The header of an image already in memory (`name` says where it came from in messages), checked
 * against the limits as a file's is: a known format, raster sizes, PNG inflation.
 */
export function guardImageBytes(path: string, bytes: Uint8Array, limits: ImageLimits): ImageHeader {
  let header: ImageHeader | undefined;
  try {
    header = readImageHeader(bytes);
  } catch (error) {
    if (error instanceof DamagedImageError) throw unreadableImage(path, error.message);
    throw error;
  }
  if (header === undefined) throw unreadableImage(path, 'its first bytes are not those of a png, jpg, bmp, gif or tif file');
  for (const raster of header.rasters) checkRaster(path, raster, limits);
  checkPngInflation(path, header);
  return header;
}
