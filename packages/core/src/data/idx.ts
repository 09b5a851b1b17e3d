/**
 * IDX files (the format of the MNIST / Fashion-MNIST distribution), parsed from bytes; browser-safe.
 *
 * Layout (big-endian): bytes 0–1 zero, byte 2 the element type (0x08 = unsigned byte, the only type used by
 * MNIST and the only one read here), byte 3 the number of dimensions d, then d uint32 sizes, then the
 * elements row-major. Labels are magic 0x00000801 (one dimension: count); images 0x00000803 (count, rows, cols).
 * Every check names the file (the `name` argument) and what is wrong with it.
 */
import type { Dataset } from './dataset.js';
import { imagesToDataset } from './mnist-asset.js';

/** Magic number of an IDX unsigned-byte label file (1 dimension). */
export const IDX_LABELS_MAGIC = 0x00000801;
/** Magic number of an IDX unsigned-byte image file (3 dimensions). */
export const IDX_IMAGES_MAGIC = 0x00000803;

/** A parsed unsigned-byte IDX array. */
export interface IdxArray {
  readonly dims: readonly number[];
  /** The elements, a view into the input bytes. */
  readonly data: Uint8Array;
}

const hex = (v: number): string => `0x${v.toString(16).padStart(8, '0')}`;

/**
 * Parse an unsigned-byte IDX file.
 * @param bytes the whole file (not gzip-compressed)
 * @param name the file's name, used in error messages
 * @param expectedMagic refuse any other magic number (e.g. 0x00000803 for images, 0x00000801 for labels)
 * @throws an Error naming the file for gzip data, a truncated or malformed header, an unexpected
 *   magic number or a size mismatch
 */
export function parseIdx(bytes: Uint8Array, name: string, expectedMagic?: number): IdxArray {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new Error(`${name}: gzip-compressed data; decompress it first (loadIdxDir does this for .gz files)`);
  }
  if (bytes.length < 4) throw new Error(`${name}: truncated: ${bytes.length} bytes, too short for the IDX magic number`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  const ndims = bytes[3] as number;
  if (bytes[0] !== 0 || bytes[1] !== 0 || ndims === 0) {
    throw new Error(`${name}: not an IDX file (magic number ${hex(magic)})`);
  }
  if (bytes[2] !== 0x08) {
    throw new Error(`${name}: IDX element type 0x${(bytes[2] as number).toString(16)} is not supported (only unsigned bytes, 0x08)`);
  }
  if (expectedMagic !== undefined && magic !== expectedMagic) {
    throw new Error(`${name}: wrong magic number ${hex(magic)}, expected ${hex(expectedMagic)} (${describe(expectedMagic)})`);
  }
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) {
    throw new Error(`${name}: truncated: ${bytes.length} bytes, too short for the header of ${ndims} dimensions`);
  }
  const dims: number[] = [];
  for (let i = 0; i < ndims; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const elements = dims.reduce((a, b) => a * b, 1);
  const expected = headerBytes + elements;
  if (bytes.length < expected) {
    throw new Error(`${name}: truncated: ${bytes.length} bytes, expected ${expected} for dimensions ${dims.join('×')}`);
  }
  if (bytes.length > expected) {
    throw new Error(`${name}: ${bytes.length - expected} unexpected trailing bytes after ${dims.join('×')} elements`);
  }
  return { dims, data: bytes.subarray(headerBytes, expected) };
}

function describe(magic: number): string {
  return magic === IDX_LABELS_MAGIC ? 'an IDX label file' : magic === IDX_IMAGES_MAGIC ? 'an IDX image file' : 'IDX';
}

/**
 * Encode an unsigned-byte IDX file (tests and tools; the inverse of {@link parseIdx}).
 * @param dims the dimensions, outermost first (1 to 255 of them)
 * @param data the elements, dims[0] × dims[1] × … of them
 * @returns the file bytes
 * @throws RangeError when the element count does not match the dimensions, or for 0 or more than
 *   255 dimensions
 */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const elements = dims.reduce((a, b) => a * b, 1);
  if (data.length !== elements) throw new RangeError(`encodeIdx: ${data.length} elements, dimensions ${dims.join('×')} need ${elements}`);
  if (dims.length < 1 || dims.length > 255) throw new RangeError(`encodeIdx: ${dims.length} dimensions (1–255 allowed)`);
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

/** Options for {@link idxToDataset}. */
export interface IdxDatasetOptions {
  /** Class names in label order (default '0'…'9'); their count is the number of classes. */
  readonly classNames?: readonly string[];
}

/**
 * Build a data set from an IDX image file and its IDX label file: x = pixel / 255 in [0, 1], y one-hot.
 * @param imageBytes an IDX image file (count × rows × cols unsigned bytes)
 * @param labelBytes the matching IDX label file (count unsigned bytes)
 * @param names file names for error messages
 * @param options class names (default '0'…'9')
 * @throws when a magic number, size or label is wrong, or images and labels disagree in count
 */
export function idxToDataset(
  imageBytes: Uint8Array,
  labelBytes: Uint8Array,
  names: { readonly images: string; readonly labels: string },
  options: IdxDatasetOptions = {},
): Dataset {
  const images = parseIdx(imageBytes, names.images, IDX_IMAGES_MAGIC);
  const labels = parseIdx(labelBytes, names.labels, IDX_LABELS_MAGIC);
  const [count, rows, cols] = images.dims as [number, number, number];
  // With no images, or images of no pixels, the file's length bounds neither the image size nor the
  // count: a 16-byte file could ask for billions of feature names.
  if (count === 0) throw new Error(`${names.images}: no images (dimensions ${images.dims.join('×')})`);
  if (rows === 0 || cols === 0) throw new Error(`${names.images}: images of ${rows}×${cols} pixels`);
  const labelCount = labels.dims[0] as number;
  if (count !== labelCount) {
    throw new Error(`${names.images} holds ${count} images but ${names.labels} holds ${labelCount} labels`);
  }
  const classNames = options.classNames ?? Array.from({ length: 10 }, (_, i) => String(i));
  const bad = labels.data.findIndex((l) => l >= classNames.length);
  if (bad >= 0) {
    throw new Error(`${names.labels}: label ${labels.data[bad]} of item ${bad} is not below the ${classNames.length} classes`);
  }
  return imagesToDataset({ count, rows, cols, pixels: images.data, labels: labels.data }, classNames);
}
