/**
 * The declared size of an image, read from its header bytes without decoding it, for each
 * format the decoder (jimp) reads. The decoder picks the format by the file's first bytes,
 * not by its name, and so does this.
 *
 * A header is read the way the decoder reads it, since what matters is what the decoder
 * will allocate: every raster it makes (the image, each GIF frame, each TIFF page and tile)
 * is listed with its width, height and bits per pixel.
 *
 *   PNG   signature, then chunks (length, type, data, CRC); IHDR holds width, height, bit
 *         depth, colour type and interlacing; IDAT chunks hold one zlib stream whose
 *         inflated size follows from IHDR (one filter byte per row, Adam7 passes if interlaced).
 *   JPEG  SOI, then marker segments; SOFn (C0–CF but C4, C8, CC) holds precision,
 *         height, width and the component count.
 *   GIF   logical screen (width, height at bytes 6–9), then extension blocks and image
 *         descriptors (left, top, width, height), each followed by data sub-blocks.
 *   BMP   'BM', then width (u32) and height (i32, negative for top-down) at bytes 18 and 22.
 *   TIFF  'II*\0' or 'MM\0*', a chain of IFDs; tags 256/257 width/length, 258 bits per
 *         sample, 277 samples per pixel, 322/323 tile width/length.
 */

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'bmp' | 'tiff';

export interface Raster {
  /** What the raster is, for messages: the image itself, or one GIF frame, TIFF page or tile. */
  readonly what: 'image' | 'frame' | 'page' | 'tile';
  readonly width: number;
  readonly height: number;
  readonly bitsPerPixel: number;
}

export interface ImageHeader {
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
  /** Every raster the decoder allocates; the first is the image as decoded. */
  readonly rasters: readonly Raster[];
  /** PNG only: the compressed image data and the number of bytes it must inflate to. */
  readonly png?: { readonly idat: readonly Uint8Array[]; readonly inflatedBytes: number };
}

/** The header is cut short or contradicts itself: the file is damaged. */
export class DamagedImageError extends Error {
  override readonly name = 'DamagedImageError';
}

/** At most this many GIF frames or TIFF pages are listed; more is refused as damaged. */
const MAX_PARTS = 4096;

function damaged(why: string): never {
  throw new DamagedImageError(why);
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** The format the first bytes announce, or undefined for anything else. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return 'gif';
  if (startsWith(bytes, [0x42, 0x4d])) return 'bmp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  return undefined;
}

/**
 * The header of an image in one of the formats above; undefined when the bytes are none of
 * them. Throws DamagedImageError when the header is cut short or inconsistent.
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader | undefined {
  const format = sniffImageFormat(bytes);
  if (format === undefined) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (format) {
    case 'png':
      return pngHeader(bytes, view);
    case 'jpeg':
      return jpegHeader(bytes, view);
    case 'gif':
      return gifHeader(bytes, view);
    case 'bmp':
      return bmpHeader(bytes, view);
    case 'tiff':
      return tiffHeader(bytes, view);
  }
}

function header(format: ImageFormat, rasters: Raster[], png?: ImageHeader['png']): ImageHeader {
  const first = rasters[0]!;
  if (first.width <= 0 || first.height <= 0) damaged(`it declares ${first.width}×${first.height} pixels`);
  return { format, width: first.width, height: first.height, rasters, ...(png ? { png } : {}) };
}

// ---- PNG ---------------------------------------------------------------------------------

const PNG_CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Adam7 passes: x start, y start, x step, y step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** Bytes the filtered scanlines of a width×height PNG take: one filter byte per row (per pass). */
export function pngInflatedBytes(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const rows = (w: number, h: number): number => (w > 0 && h > 0 ? h * (1 + Math.ceil((w * bitsPerPixel) / 8)) : 0);
  if (!interlaced) return rows(width, height);
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) total += rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy));
  return total;
}

function pngHeader(bytes: Uint8Array, view: DataView): ImageHeader {
  let pos = 8;
  let ihdr: { width: number; height: number; bitsPerPixel: number; interlaced: boolean } | undefined;
  const idat: Uint8Array[] = [];
  while (pos + 8 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(bytes[pos + 4]!, bytes[pos + 5]!, bytes[pos + 6]!, bytes[pos + 7]!);
    const data = bytes.subarray(pos + 8, Math.min(bytes.length, pos + 8 + length));
    if (ihdr === undefined && type !== 'IHDR') damaged('its first chunk is not IHDR');
    if (type === 'IHDR') {
      if (ihdr !== undefined) damaged('it has two IHDR chunks');
      if (data.length < 13) damaged('its IHDR chunk is cut short');
      const depth = data[8]!;
      const channels = PNG_CHANNELS[data[9]!] ?? 4;
      ihdr = {
        width: view.getUint32(pos + 8),
        height: view.getUint32(pos + 12),
        bitsPerPixel: Math.min(depth, 16) * channels,
        interlaced: data[12] === 1,
      };
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    pos += 12 + length;
  }
  if (ihdr === undefined) damaged('it is cut short before its IHDR chunk');
  const { width, height, bitsPerPixel, interlaced } = ihdr;
  return header(
    'png',
    // The decoded image is 8-bit RGBA; the scanlines before that have the file's own depth.
    [{ what: 'image', width, height, bitsPerPixel: Math.max(32, bitsPerPixel) }],
    { idat, inflatedBytes: pngInflatedBytes(width, height, bitsPerPixel, interlaced) },
  );
}

// ---- JPEG --------------------------------------------------------------------------------

function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegHeader(bytes: Uint8Array, view: DataView): ImageHeader {
  const rasters: Raster[] = [];
  let pos = 2;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) damaged(`it has no marker at byte ${pos}`);
    while (bytes[pos] === 0xff) pos++; // fill bytes
    if (pos >= bytes.length) break;
    const marker = bytes[pos++]!;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (marker === 0xd9) break; // end of image
    if (pos + 2 > bytes.length) break;
    const length = view.getUint16(pos);
    if (length < 2) damaged(`its marker 0x${marker.toString(16)} has length ${length}`);
    if (isStartOfFrame(marker)) {
      if (pos + 8 > bytes.length) damaged('its frame header is cut short');
      const components = bytes[pos + 7]!;
      rasters.push({ what: 'image', width: view.getUint16(pos + 5), height: view.getUint16(pos + 3), bitsPerPixel: Math.max(32, 8 * components) });
    }
    // The entropy-coded data follows the first scan header; the frame header comes before it.
    if (marker === 0xda) break;
    pos += length;
  }
  if (rasters.length === 0) damaged('it has no frame header (SOF)');
  return header('jpeg', rasters);
}

// ---- GIF ---------------------------------------------------------------------------------

/** Skips a run of data sub-blocks (size byte, bytes; a zero size ends it); -1 when cut short. */
function skipSubBlocks(bytes: Uint8Array, pos: number): number {
  while (pos < bytes.length) {
    const size = bytes[pos++]!;
    if (size === 0) return pos;
    pos += size;
  }
  return -1;
}

function gifHeader(bytes: Uint8Array, view: DataView): ImageHeader {
  if (bytes.length < 13) damaged('its logical screen descriptor is cut short');
  const rasters: Raster[] = [{ what: 'image', width: view.getUint16(6, true), height: view.getUint16(8, true), bitsPerPixel: 32 }];
  const packed = bytes[10]!;
  let pos = 13 + (packed & 0x80 ? 3 << ((packed & 7) + 1) : 0);
  while (pos < bytes.length) {
    const block = bytes[pos++]!;
    if (block === 0x3b) break; // trailer
    if (block === 0x21) {
      pos = skipSubBlocks(bytes, pos + 1); // label, then sub-blocks
    } else if (block === 0x2c) {
      if (pos + 9 > bytes.length) damaged('an image descriptor is cut short');
      rasters.push({ what: 'frame', width: view.getUint16(pos + 4, true), height: view.getUint16(pos + 6, true), bitsPerPixel: 8 });
      if (rasters.length > MAX_PARTS) damaged(`it has more than ${MAX_PARTS} frames`);
      const local = bytes[pos + 8]!;
      pos += 9 + (local & 0x80 ? 3 << ((local & 7) + 1) : 0);
      pos = skipSubBlocks(bytes, pos + 1); // LZW minimum code size, then sub-blocks
    } else {
      break; // the decoder refuses an unknown block; nothing after it is decoded
    }
    if (pos < 0) break;
  }
  return header('gif', rasters);
}

// ---- BMP ---------------------------------------------------------------------------------

function bmpHeader(bytes: Uint8Array, view: DataView): ImageHeader {
  if (bytes.length < 26) damaged('its header is cut short');
  // As the decoder reads it: width unsigned, height signed (negative: rows top-down).
  const width = view.getUint32(18, true);
  const height = Math.abs(view.getInt32(22, true));
  return header('bmp', [{ what: 'image', width, height, bitsPerPixel: 32 }]);
}

// ---- TIFF --------------------------------------------------------------------------------

const TIFF_TYPE_SIZE: Readonly<Record<number, number>> = { 1: 1, 2: 1, 3: 2, 4: 4, 6: 1, 7: 1, 8: 2, 9: 4, 16: 8 };

function tiffHeader(bytes: Uint8Array, view: DataView): ImageHeader {
  const le = bytes[0] === 0x49;
  const u16 = (p: number): number => view.getUint16(p, le);
  const u32 = (p: number): number => view.getUint32(p, le);
  const inside = (p: number, n: number): boolean => p >= 0 && p + n <= bytes.length;
  if (!inside(4, 4)) damaged('its header is cut short');

  /** The first value of an IFD entry, for the integer tags read here. */
  const firstValue = (entry: number, tag: number): number => {
    const type = u16(entry + 2);
    const count = u32(entry + 4);
    const size = TIFF_TYPE_SIZE[type];
    if (size === undefined || count === 0) damaged(`its tag ${tag} has type ${type} and ${count} values`);
    const at = size * count <= 4 ? entry + 8 : u32(entry + 8);
    if (!inside(at, size)) damaged(`its tag ${tag} points outside the file`);
    if (type === 2) {
      // ASCII digits: the decoder reads them as a number.
      let text = '';
      for (let i = at; i < Math.min(bytes.length, at + Math.min(count, 32)) && bytes[i] !== 0; i++) text += String.fromCharCode(bytes[i]!);
      const value = Number.parseInt(text, 10);
      if (!Number.isFinite(value)) damaged(`its tag ${tag} is not a number`);
      return value;
    }
    if (size === 1) return bytes[at]!;
    if (size === 2) return u16(at);
    if (size === 4) return u32(at);
    return Number(view.getBigUint64(at, le));
  };

  /** All values of a SHORT or LONG entry (strip and tile offsets and byte counts). */
  const allValues = (entry: number, tag: number): number[] => {
    const type = u16(entry + 2);
    const count = u32(entry + 4);
    if (type !== 3 && type !== 4) damaged(`its tag ${tag} has type ${type}`);
    const size = type === 3 ? 2 : 4;
    const at = size * count <= 4 ? entry + 8 : u32(entry + 8);
    if (!inside(at, size * count)) damaged(`its tag ${tag} points outside the file`);
    return Array.from({ length: count }, (_, i) => (size === 2 ? u16(at + 2 * i) : u32(at + 4 * i)));
  };

  const rasters: Raster[] = [];
  const seen = new Set<number>();
  let offset = u32(4);
  while (offset !== 0 && !seen.has(offset)) {
    seen.add(offset);
    if (seen.size > MAX_PARTS) damaged(`it has more than ${MAX_PARTS} pages`);
    if (!inside(offset, 2)) damaged('an IFD lies outside the file');
    const count = u16(offset);
    const tags = new Map<number, number>();
    const lists = new Map<number, number[]>();
    for (let i = 0; i < count; i++) {
      const entry = offset + 2 + 12 * i;
      if (!inside(entry, 12)) damaged('an IFD is cut short');
      const tag = u16(entry);
      if ([256, 257, 258, 259, 262, 277, 278, 279, 322, 323, 50885].includes(tag)) tags.set(tag, firstValue(entry, tag));
      if (rasters.length === 0 && [273, 279, 324, 325].includes(tag)) lists.set(tag, allValues(entry, tag));
    }
    // The first page's strips (or tiles) must lie inside the file: a file cut short is damaged,
    // though the decoder would fill the missing part with zeros.
    const starts = lists.get(324) ?? lists.get(273) ?? [];
    const lengths = lists.get(325) ?? lists.get(279) ?? [];
    starts.forEach((start, i) => {
      if (start + (lengths[i] ?? 0) > bytes.length) damaged('its image data runs past the end of the file');
    });
    const width = tags.get(256);
    const height = tags.get(257);
    if (width !== undefined && height !== undefined) {
      const bitsPerSample = tags.get(258) ?? 1;
      let bitsPerPixel = bitsPerSample * (tags.get(277) ?? 1);
      // The decoder's own special cases for camera raw files, which it sizes differently.
      const stripBytes = tags.get(279);
      const rowsPerStrip = tags.get(278);
      if ((tags.get(259) ?? 1) === 1 && stripBytes !== undefined && rowsPerStrip !== undefined && tags.get(262) === 32803) {
        bitsPerPixel = Math.round((stripBytes * 8) / Math.max(1, width * rowsPerStrip));
      }
      if (tags.get(50885) === 4) bitsPerPixel = bitsPerSample * 3;
      // The first page is also made 8-bit RGBA.
      rasters.push({ what: rasters.length === 0 ? 'image' : 'page', width, height, bitsPerPixel: rasters.length === 0 ? Math.max(32, bitsPerPixel) : bitsPerPixel });
      const tileWidth = tags.get(322);
      const tileHeight = tags.get(323);
      if (tileWidth !== undefined || tileHeight !== undefined) {
        rasters.push({ what: 'tile', width: tileWidth ?? 0, height: tileHeight ?? 0, bitsPerPixel });
      }
    } else if (rasters.length === 0) {
      damaged('its first IFD has no width or length');
    }
    const next = offset + 2 + 12 * count;
    offset = inside(next, 4) ? u32(next) : 0;
  }
  if (rasters.length === 0) damaged('it has no image');
  return header('tiff', rasters);
}
