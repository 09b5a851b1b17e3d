/**
 * Atomic file replacement: write a temporary file in the same directory, fsync it, rename it
 * over the target (atomic on POSIX file systems), then fsync the directory so the rename itself
 * survives a crash. A reader sees the old file or the new one, never a half-written one.
 * Replacing a file keeps its permission bits (the temporary file is created with the umask's).
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Write `data` to `path` atomically: a reader (or a crash) sees the old file or the new one, never
 * a half-written one.
 * @param path the file to create or replace
 * @param data bytes, or a string written as UTF-8
 * @throws the file system's error (the temporary file is removed)
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const target = resolve(path);
  const dir = dirname(target);
  const previousMode = await stat(target).then(
    (s) => (s.isFile() ? s.mode & 0o7777 : undefined),
    () => undefined,
  );
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const file = await open(tmp, 'wx').catch((e: unknown) => {
    throw explain(e, path);
  });
  try {
    await file.writeFile(data);
    if (previousMode !== undefined) await file.chmod(previousMode);
    await file.sync();
    await file.close();
    await rename(tmp, target);
  } catch (e) {
    await file.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw explain(e, path);
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

/**
 * Node's own message names the temporary file, which the caller never chose; say what is wrong
 * with the path they gave instead. `code` and `cause` are kept for programs that inspect them.
 */
function explain(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const folder = dirname(path);
  const message =
    code === 'ENOENT' || code === 'ENOTDIR'
      ? `the folder '${folder}' does not exist (create it first)`
      : code === 'EISDIR' || code === 'ENOTEMPTY'
        ? `'${path}' is a folder; give a file name inside it`
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? `no permission to create a file in the folder '${folder}'`
          : undefined;
  return message === undefined ? error : Object.assign(new Error(message, { cause: error }), { code });
}
