/**
 * The head file `FILE.head`: `{"seq":N,"hash":"…"}`, the last entry a writer finished appending.
 * The chain alone cannot show that whole entries were cut off its end; comparing it with the
 * head can. The head is replaced atomically (write a temporary file, fsync, rename, fsync the
 * directory), so a crash leaves the old head or the new one, never half of either.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { headText, parseHead, type LogHead } from './log-entry.js';

export function headPathOf(file: string): string {
  return `${file}.head`;
}

export type HeadFile = { state: 'missing' } | { state: 'present'; head: LogHead } | { state: 'malformed' };

/** Reads FILE.head; throws the file system's error for anything but "it does not exist". */
export async function readHeadFile(file: string): Promise<HeadFile> {
  let text: string;
  try {
    text = await readFile(headPathOf(file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    throw error;
  }
  const head = parseHead(text);
  return head ? { state: 'present', head } : { state: 'malformed' };
}

/** Replaces FILE.head with `head`, durably; the caller holds the log's lock. */
export async function writeHeadFile(file: string, head: LogHead): Promise<void> {
  const target = headPathOf(file);
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(headText(head));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(target));
}

/**
 * Makes a directory's entries (a new file, a rename) durable. Some platforms cannot open or
 * fsync a directory (Windows); there the rename is as durable as the platform allows.
 */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch (error) {
    if (['EISDIR', 'EPERM', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? '')) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!['EINVAL', 'EPERM', 'EBADF'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle.close();
  }
}
