/**
 * Atomic file replacement: write a temporary file in the same directory, fsync it, rename it
 * over the target (atomic on POSIX file systems), then fsync the directory so the rename itself
 * survives a crash. A reader sees the old file or the new one, never a half-written one.
 * Replacing a file keeps its permission bits (the temporary file is created with the umask's).
 *
 * What may be written: a new name, or an existing regular file with a single link. Anything else
 * is refused, because rename() replaces the directory entry itself:
 * - a symbolic link would be replaced by a plain file, its target left untouched — the policy of
 *   sudoedit, which refuses to write through links: name the real file instead;
 * - a hard link would be split off, the other names keeping the old contents;
 * - a FIFO, device or socket (`/dev/null`) would be replaced by a plain file.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, lstatSync, openSync, rmSync, type Stats } from 'node:fs';
import { lstat, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** The longest file name (bytes) of the common file systems (ext4, XFS, APFS, NTFS in UTF-16 units). */
const NAME_MAX = 255;

/** Temporary files being written now, so that a signal handler can remove them before exiting. */
const pending = new Set<string>();

/**
 * Remove the temporary files of writes still in progress (synchronously: for a signal handler
 * that exits the process right after). The targets are left as they were.
 */
export function removeTemporaryFilesSync(): void {
  for (const tmp of pending) rmSync(tmp, { force: true });
  pending.clear();
}

/**
 * Why `path` cannot be written by {@link writeFileAtomic}, or undefined when it can be as far as
 * its name and the existing entry tell (an empty name, a name longer than the file system allows,
 * a folder, a symbolic link, a hard link, a FIFO, device or socket).
 */
export function outputPathProblem(path: string): string | undefined {
  if (path === '') return 'the file name is empty';
  const name = basename(resolve(path));
  if (Buffer.byteLength(name) > NAME_MAX) return `'${path}': the file name is longer than ${NAME_MAX} bytes`;
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch {
    return undefined; // a new name (a missing folder is found when the file is created)
  }
  return entryProblem(stats, path);
}

function entryProblem(stats: Stats, path: string): string | undefined {
  if (stats.isFile()) {
    return stats.nlink > 1
      ? `'${path}' is a hard link (${stats.nlink} names for one file): replacing it would split it off; remove it or give another name`
      : undefined;
  }
  if (stats.isDirectory()) return `'${path}' is a folder; give a file name inside it`;
  if (stats.isSymbolicLink()) return `'${path}' is a symbolic link: give the file it points to, or a new name (links are never written through)`;
  const kind = stats.isFIFO() ? 'a FIFO' : stats.isSocket() ? 'a socket' : 'a device';
  return `'${path}' is ${kind}, not a regular file: give a regular file or a new name`;
}

/**
 * Check, before any work is done, that `path` can be written: its name and existing entry are
 * allowed (see {@link outputPathProblem}) and a file can really be created in its folder (a
 * temporary file is created and removed: this finds missing folders, missing permissions,
 * read-only and pseudo file systems such as /proc, whatever the user's privileges).
 * @throws an Error naming `path` and the problem, with Node's `code` when it came from the system
 */
export function checkOutputPath(path: string): void {
  refuseProblem(path);
  const tmp = temporaryName(resolve(path));
  try {
    closeSync(openSync(tmp, 'wx'));
  } catch (e) {
    throw explain(e, path);
  }
  rmSync(tmp, { force: true });
}

/**
 * Write `data` to `path` atomically: a reader (or a crash) sees the old file or the new one, never
 * a half-written one. `path` must be a new name or a regular file (see {@link outputPathProblem}).
 * @param path the file to create or replace
 * @param data bytes, or a string written as UTF-8
 * @throws an Error naming `path` and the problem (the temporary file is removed)
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  refuseProblem(path);
  const target = resolve(path);
  const dir = dirname(target);
  const previous = await lstat(target).catch(() => undefined);
  const previousMode = previous?.isFile() ? previous.mode & 0o7777 : undefined;
  const tmp = temporaryName(target);
  pending.add(tmp);
  // Created synchronously: a signal handler (removeTemporaryFilesSync, then exit) runs between
  // synchronous steps, so no creation can still be in flight when it removes the file. The async
  // open that follows does not create: if the file was removed meanwhile, it fails.
  let file: Awaited<ReturnType<typeof open>>;
  try {
    closeSync(openSync(tmp, 'wx'));
    file = await open(tmp, 'r+');
  } catch (e) {
    pending.delete(tmp);
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Nothing was created (e.g. the folder is a file).
    }
    throw explain(e, path);
  }
  try {
    await file.writeFile(data);
    if (previousMode !== undefined) await file.chmod(previousMode);
    await file.sync();
    await file.close();
    await testOnlyDelay();
    await rename(tmp, target);
  } catch (e) {
    await file.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw explain(e, path);
  } finally {
    pending.delete(tmp);
  }
  // Directory fsync makes the rename durable; some platforms refuse to open a directory.
  try {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    /* best effort */
  }
}

/** Throws outputPathProblem's answer, with Node's code for a folder and a name too long. */
function refuseProblem(path: string): void {
  const problem = outputPathProblem(path);
  if (problem === undefined) return;
  const code = / is a folder/.test(problem) ? 'EISDIR' : / longer than /.test(problem) ? 'ENAMETOOLONG' : undefined;
  throw Object.assign(new Error(problem), code ? { code } : {});
}

/**
 * `.name.<pid>.<random>.tmp` beside the target, the name shortened so that the whole stays
 * within NAME_MAX (the user's name may itself be up to NAME_MAX bytes long).
 */
function temporaryName(target: string): string {
  const suffix = `.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  let name = basename(target);
  while (Buffer.byteLength(`.${name}${suffix}`) > NAME_MAX) name = [...name].slice(0, -1).join('');
  return join(dirname(target), `.${name}${suffix}`);
}

/**
 * Test hook, for tests only: BACKPROP_TEST_WRITE_DELAY_MS holds every write for that many
 * milliseconds with its temporary file complete, so that a test can interrupt a save midway.
 */
async function testOnlyDelay(): Promise<void> {
  const ms = Number(process.env['BACKPROP_TEST_WRITE_DELAY_MS'] ?? 0);
  if (ms > 0) await new Promise((r) => setTimeout(r, ms));
}

/**
 * Node's own message names the temporary file, which the caller never chose; say what is wrong
 * with the path they gave instead. `code` and `cause` are kept for programs that inspect them.
 */
function explain(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const folder = dirname(path);
  const folderExists = (): boolean => {
    try {
      return lstatSync(dirname(resolve(path))).isDirectory();
    } catch {
      return false;
    }
  };
  const message =
    code === 'ENOENT' || code === 'ENOTDIR'
      ? folderExists()
        ? `cannot create files in the folder '${folder}' (not a writable file system)`
        : `the folder '${folder}' does not exist (create it first)`
      : code === 'EISDIR' || code === 'ENOTEMPTY'
        ? `'${path}' is a folder; give a file name inside it`
        : code === 'EACCES' || code === 'EPERM'
          ? `no permission to create a file in the folder '${folder}'`
          : code === 'EROFS'
            ? `the folder '${folder}' is on a read-only file system`
            : code === 'ENAMETOOLONG'
              ? `'${path}': the file name is too long`
              : code === 'ENOSPC' || code === 'EDQUOT'
                ? `no space left to write '${path}'`
                : undefined;
  if (message === undefined) {
    const reason = (error as Error | null)?.message ?? String(error);
    return Object.assign(new Error(`cannot write '${path}': ${reason.replace(/'[^']*\.tmp'/g, `'${path}'`)}`, { cause: error }), { code });
  }
  return Object.assign(new Error(message, { cause: error }), { code });
}
