/** Writing appended entries so that a crash leaves the log either before or after them, never torn past the head. */
import { lstat, type FileHandle } from 'node:fs/promises';
import { logWriteErrorOf } from './log-write-error.js';

/**
 * Write, then fsync. The write may reach the disk in several pieces; a crash part-way leaves
 * an uncommitted tail that the next writer moves aside. On an error, cut back to `size`.
 */
export async function appendDurably(
  file: string,
  handle: FileHandle,
  size: number,
  text: string,
): Promise<void> {
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle
      .truncate(size)
      .then(() => handle.sync())
      .catch(() => undefined);
    throw logWriteErrorOf(file, 'append to the log', error);
  }
}

export async function exists(file: string, path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw logWriteErrorOf(file, 'look for the log', error);
  }
}
