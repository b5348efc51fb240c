/**
 * The reads verify-log makes without taking the log's lock: the log opened as a regular file,
 * file-system errors turned into `read-failed`, and a head re-read while a writer finishes.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { InvalidInputError, readFailed } from '../../diagnostics.js';
import { readHeadFile, type HeadFile } from './log-head.js';
import type { Scan } from './scan-log.js';

/** Lines past the head: wait a little for a writer that is between its append and its head. */
export async function settledHead(
  path: string,
  first: HeadFile,
  scan: Scan,
  settleMs: number,
): Promise<HeadFile> {
  let current = first;
  const deadline = Date.now() + settleMs;
  for (;;) {
    if (
      current.state === 'present' &&
      current.head.seq >= scan.chain.last.seq &&
      !scan.pastHead?.broken
    )
      return current;
    if (Date.now() >= deadline) return current;
    await sleep(25);
    current = await readHeadFile(path).catch(() => current);
  }
}

/** The log opened for reading; anything but a regular file is refused as a read error. */
export async function openLog(path: string): Promise<FileHandle> {
  const handle = await open(path, 'r');
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
  }
  return handle;
}

/** Runs `read`, turning a file-system error into a `read-failed` diagnostic for `file`. */
export async function readOr<T>(file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error; // not the file system's: a bug, reported as one
    throw new InvalidInputError([readFailed(file, error)]);
  }
}
