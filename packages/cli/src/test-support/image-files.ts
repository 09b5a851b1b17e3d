/** Image files built byte by byte for the image-safety tests: valid ones, oversized ones, hostile ones. */
import { crc32, deflateSync } from 'node:zlib';
import { Jimp } from 'jimp';

/** A PNG chunk: length, type, data, CRC of type and data. */
export function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG from its IHDR fields and the (uncompressed) filtered scanlines, or raw IDAT bytes. */
export function pngFile(o: { width: number; height: number; bitDepth?: number; colorType?: number; interlace?: number; scanlines?: Uint8Array; idat?: Uint8Array }): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(o.width, 0);
  ihdr.writeUInt32BE(o.height, 4);
  ihdr[8] = o.bitDepth ?? 8;
  ihdr[9] = o.colorType ?? 0;
  ihdr[12] = o.interlace ?? 0;
  const idat = o.idat ?? deflateSync(o.scanlines ?? new Uint8Array(0), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/** LZW codes packed least-significant bit first, as GIF stores them, in data sub-blocks. */
function gifCodeStream(codes: ReadonlyArray<readonly [code: number, bits: number]>): number[] {
  const out: number[] = [];
  let acc = 0;
  let n = 0;
  for (const [code, bits] of codes) {
    acc |= code << n;
    n += bits;
    while (n >= 8) {
      out.push(acc & 0xff);
      acc >>>= 8;
      n -= 8;
    }
  }
  if (n > 0) out.push(acc & 0xff);
  return [out.length, ...out, 0];
}

/** A GIF with one width×height frame, a 4-colour palette and the given LZW codes (minimum code size 2). */
export function gifFile(width: number, height: number, codes: ReadonlyArray<readonly [number, number]>, screen = { width, height }): Buffer {
  const u16 = (v: number): number[] => [v & 0xff, v >> 8];
  return Buffer.from([
    ...Buffer.from('GIF89a', 'latin1'),
    ...u16(screen.width),
    ...u16(screen.height),
    0x81, // global palette of 4 colours
    0,
    0,
    ...[0, 0, 0, 255, 255, 255, 128, 128, 128, 64, 64, 64],
    0x2c,
    ...u16(0),
    ...u16(0),
    ...u16(width),
    ...u16(height),
    0,
    2, // LZW minimum code size
    ...gifCodeStream(codes),
    0x3b,
  ]);
}

/**
 * A GIF whose LZW stream makes a code-table entry its own prefix: with clear = 4, the codes
 * 0, 7 (beyond the table: taken as the previous code) and 0 store entry 7 as "7 followed by 0",
 * so the next code 7 sends a decoder that follows prefixes without a bound round forever.
 */
export function loopingGif(): Buffer {
  return gifFile(16, 16, [
    [4, 3],
    [0, 3],
    [7, 3],
    [0, 3],
    [7, 4],
    [5, 4],
  ]);
}

/** A small valid image with a dark stroke on white, in each format predict reads. */
export async function sampleImages(): Promise<Record<'png' | 'jpeg' | 'gif' | 'bmp' | 'tiff', Buffer>> {
  const image = new Jimp({ width: 24, height: 20, color: 0xffffffff });
  for (let y = 4; y < 16; y++) for (let x = 10; x < 14; x++) image.setPixelColor(0x101010ff, x + (y >> 2), y);
  return {
    png: await image.getBuffer('image/png'),
    jpeg: await image.getBuffer('image/jpeg'),
    gif: await image.getBuffer('image/gif'),
    bmp: await image.getBuffer('image/bmp'),
    tiff: await image.getBuffer('image/tiff'),
  };
}
