/**
 * What `--out` names, found before any work: stdout, something to write straight into (a
 * character device, a FIFO, a socket), or a file — its final real path, after every symlink,
 * so that a link is written through and never replaced by a plain file.
 */
import type { Stats } from 'node:fs';
import { lstat, readlink, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { writeFailed } from './write-failed.js';

export type OutTarget =
  | { kind: 'stdout' }
  /** Written as it is: opened for writing, no partial file, no rename. */
  | { kind: 'device' | 'fifo' | 'socket'; path: string }
  /** A regular file or a new one, at its final real path; `existing` when it is there already. */
  | { kind: 'file'; path: string; existing: Stats | undefined };

/** Symlinks followed before giving up, as the kernel does (Linux: 40). */
const MAX_LINKS = 40;

/** Throws `write-failed` for a directory, a block device, or a directory that does not exist. */
export async function resolveOut(out: string | undefined, cwd: string): Promise<OutTarget> {
  if (out === undefined || out === '-') return { kind: 'stdout' };
  const path = resolve(cwd, out);
  const stats = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw writeFailed(out, error);
  });
  if (stats?.isDirectory())
    throw writeFailed(out, 'it is a directory; name a file (in it, or elsewhere)');
  if (stats?.isCharacterDevice()) return { kind: 'device', path };
  if (stats?.isFIFO()) return { kind: 'fifo', path };
  if (stats?.isSocket()) return { kind: 'socket', path };
  if (stats?.isBlockDevice())
    throw writeFailed(out, 'it is a block device (a disk); name a regular file');
  try {
    return {
      kind: 'file',
      path: stats ? await realpath(path) : await finalPathOfMissing(path),
      existing: stats,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw writeFailed(
        out,
        `the directory ${dirname(out)} does not exist; create it first, or name a file in an existing directory`,
      );
    throw writeFailed(out, error as Error);
  }
}

/**
 * The real path a file would get if written at `path`: a new name in its real directory, or,
 * when `path` is a symlink to nothing yet (dangling), the place the last link points to.
 * Throws ENOENT when the directory is missing.
 */
export async function finalPathOfMissing(path: string): Promise<string> {
  let current = path;
  for (let links = 0; links <= MAX_LINKS; links++) {
    const stats = await lstat(current).catch(() => undefined);
    if (!stats?.isSymbolicLink()) return join(await realpath(dirname(current)), basename(current));
    current = resolve(dirname(current), await readlink(current));
  }
  throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' });
}

/** The final real path of `path`, whether or not it exists; `path` itself when that cannot be found. */
export async function finalPath(path: string): Promise<string> {
  return realpath(path).catch(() => finalPathOfMissing(path).catch(() => path));
}
