/**
 * Reading an input file with a size limit, and only if it is a regular file.
 *
 * `readFileSync('/dev/zero')` reads until memory runs out, and opening a FIFO blocks until a writer
 * comes. So the path is `stat`ed first (stat never blocks) and refused unless it is a regular file
 * no larger than the limit for its kind; then it is opened non-blocking, checked again through
 * the descriptor (the path may have been replaced in between) and read to the size the
 * descriptor reports, never more than the limit.
 */
import { formatBytes } from '../util/format-bytes.js';
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

export { formatBytes };

/**
 * The largest file each reader takes, in bytes: a model file 2 GiB (512 Mi float32 weights; the
 * header alone is capped at 64 MiB), a CSV 256 MiB (read as one string, and V8's strings stop near
 * 512 Mi characters), an IDX file 1 GiB compressed or inflated (MNIST's largest is 47 MB), a config
 * file 1 MiB (a page of options). Each reader takes a `maxBytes` to raise its limit.
 */
export const INPUT_FILE_LIMITS = {
  model: 2 ** 31,
  csv: 256 * 2 ** 20,
  idx: 2 ** 30,
  config: 2 ** 20,
} as const;

/** The most bytes asked of one read call (the kernel returns at most about 2 GiB per call anyway). */
const READ_CHUNK_BYTES = 2 ** 30;

/** Why an input file was refused: missing, a folder, not a regular file, or over its size limit. */
export type InputFileProblem = 'ENOENT' | 'EISDIR' | 'ENOTREG' | 'EFBIG';

/** A refused input file; `code` says why, the message names the file, and the size and limit when too large. */
export class InputFileError extends Error {
  override readonly name = 'InputFileError';
  constructor(
    readonly code: InputFileProblem,
    message: string,
  ) {
    super(message);
  }
}

/** What kind of thing a non-regular file is, in words. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * What is wrong with a file about to be read, judged from its stat alone (no open), or undefined.
 * @param what the argument's name, e.g. 'model file'
 * @param maxBytes the largest size taken
 */
export function inputFileProblem(path: string, stats: Stats, what: string, maxBytes: number): InputFileError | undefined {
  if (stats.isDirectory()) return new InputFileError('EISDIR', `${what} '${path}' is a folder, not a file`);
  if (!stats.isFile()) return new InputFileError('ENOTREG', `${what} '${path}' is ${kindOf(stats)}, not a regular file`);
  if (stats.size > maxBytes) {
    return new InputFileError(
      'EFBIG',
      `${what} '${path}' is ${formatBytes(stats.size)}${stats.size >= 1024 ? ` (${stats.size} bytes)` : ''}, over the ${formatBytes(maxBytes)} limit for ${what}s`,
    );
  }
  return undefined;
}

/**
 * Check a file before reading it: it exists, is a regular file, and is at most `maxBytes` long.
 * Never opens the path, so a FIFO cannot block it.
 * @returns the file's size in bytes
 * @throws InputFileError (code ENOENT, EISDIR, ENOTREG or EFBIG) naming the file
 */
export function checkInputFile(path: string, what: string, maxBytes: number): number {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputFileError('ENOENT', `${what} '${path}' does not exist`);
    throw e;
  }
  const problem = inputFileProblem(path, stats, what, maxBytes);
  if (problem) throw problem;
  return stats.size;
}

/**
 * Read a whole regular file of at most `maxBytes` bytes.
 * @param path the file
 * @param what the argument's name in messages, e.g. 'model file'
 * @param maxBytes the largest size taken
 * @throws InputFileError naming the file when it is missing, not a regular file or too large; the
 *   file system's error when it cannot be read
 */
export function readInputFile(path: string, what: string, maxBytes: number): Buffer {
  checkInputFile(path, what, maxBytes);
  // O_NONBLOCK: should the path have become a FIFO since the stat, the open does not wait for a writer.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const problem = inputFileProblem(path, fstatSync(fd), what, maxBytes);
    if (problem) throw problem;
    const size = fstatSync(fd).size;
    // One byte more than the size: a file that grows while it is read is refused, not read without end.
    const buffer = Buffer.allocUnsafe(size + 1);
    let filled = 0;
    for (;;) {
      const n = readSync(fd, buffer, filled, Math.min(buffer.length - filled, READ_CHUNK_BYTES), null);
      if (n === 0) break;
      filled += n;
      if (filled > size) {
        throw new InputFileError('EFBIG', `${what} '${path}' grew while it was read (past ${size} bytes)`);
      }
    }
    return buffer.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}
