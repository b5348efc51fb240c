/**
 * readLogHead: the log's committed head, checked against the log's end (the entry it names is
 * there, intact, byte for byte) by reading backwards from the end — cheap whatever the log's
 * size. This is what an auditor copies elsewhere as an anchor (`log-head`, `verify-log --anchor`).
 */
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { SignedHead } from './head-signature.js';
import { readHeadFile } from './log-head.js';
import { committedEnd } from './log-tail.js';

export interface LogHeadReading {
  head: SignedHead;
  /** Lines past the head (uncommitted): the next append moves them to FILE.uncommitted. */
  uncommittedLines: number;
}

/** Throws LogWriteError `broken-log` when the log's end does not match its head; fs errors as they are. */
export async function readLogHead(
  file: string,
  options: { cwd?: string | undefined } = {},
): Promise<LogHeadReading> {
  const path = resolve(options.cwd ?? process.cwd(), file);
  const headFile = await readHeadFile(path);
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const tail = await committedEnd(file, handle, size, headFile);
    const head = headFile.state === 'present' ? headFile.head : tail.head;
    return { head, uncommittedLines: tail.uncommittedLines };
  } finally {
    await handle.close();
  }
}
