/**
 * Moves what lies past the head to the side file FILE.uncommitted, then cuts the log back to its
 * committed end. A writer never adopts entries it did not write: they are kept as evidence, not
 * made history. The side file is appended to and fsynced before the log is cut, so a crash in
 * between leaves both copies (the next writer moves them again), never neither.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { uncommittedPathOf } from './log-files.js';
import { syncDirectory } from './log-head.js';
import type { CommittedEnd } from './log-tail.js';

const COPY_BYTES = 1024 * 1024;

/** What a writer moved aside before appending: callers say so on stderr or in their log. */
export interface UncommittedMoved {
  /** The log, as the caller named it. */
  file: string;
  /** FILE.uncommitted, as the caller named the log. */
  sideFile: string;
  /** The head the uncommitted lines followed. */
  afterSeq: number;
  lines: number;
  bytes: number;
}

export async function moveUncommitted(
  file: string,
  path: string,
  log: FileHandle,
  size: number,
  tail: CommittedEnd,
): Promise<UncommittedMoved> {
  const side = await open(
    uncommittedPathOf(path),
    constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW,
    0o644,
  );
  try {
    await copyRange(log, tail.end, size, side);
    // A torn last line gets its end here, so the next block moved starts on a line of its own.
    const last = Buffer.alloc(1);
    await log.read(last, 0, 1, size - 1);
    if (last[0] !== 0x0a) await side.write('\n');
    await side.sync();
  } finally {
    await side.close();
  }
  await syncDirectory(dirname(path));
  await log.truncate(tail.end);
  await log.sync();
  return {
    file,
    sideFile: uncommittedPathOf(file),
    afterSeq: tail.head.seq,
    lines: tail.uncommittedLines,
    bytes: size - tail.end,
  };
}

async function copyRange(
  from: FileHandle,
  start: number,
  end: number,
  to: FileHandle,
): Promise<void> {
  const buffer = Buffer.alloc(Math.min(COPY_BYTES, end - start));
  for (let position = start; position < end;) {
    const { bytesRead } = await from.read(
      buffer,
      0,
      Math.min(buffer.length, end - position),
      position,
    );
    if (bytesRead === 0)
      throw new Error(`the log ended at byte ${position} while moving its uncommitted part`);
    await to.write(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
}
