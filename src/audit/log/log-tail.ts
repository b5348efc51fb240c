/**
 * Where an append continues the chain: the entry the head file names, found by reading the log
 * backwards from its end. What lies after that entry is uncommitted (a writer killed before it
 * recorded its head, or lines added by hand) and is the caller's to move aside. Anything that
 * does not add up at or before the head is refused (a `broken-log` LogWriteError) rather than
 * extended, because a chain continued from a broken end would make the damage look like history.
 */
import type { FileHandle } from 'node:fs/promises';
import {
  GENESIS_HASH,
  intactEntry,
  MAX_LOG_LINE_BYTES,
  parseEntryBytes,
  type LogHead,
} from './log-entry.js';
import type { HeadFile } from './log-head.js';
import { LogWriteError } from './log-write-error.js';
import { readLinesBackward } from './read-lines-backward.js';

export interface CommittedEnd {
  /** The head: the chain continues from here. */
  head: LogHead;
  /** Byte offset just past the head's entry (its newline included): the committed part's size. */
  end: number;
  /** Lines (complete or torn) between `end` and the end of the log. */
  uncommittedLines: number;
}

export async function committedEnd(
  file: string,
  handle: FileHandle,
  size: number,
  headFile: HeadFile,
): Promise<CommittedEnd> {
  const refuse = (problem: string) => brokenLog(file, problem);
  if (headFile.state === 'malformed')
    throw refuse(
      `${file}.head is not what a writer writes ({"seq":N,"hash":"<64 hex>"}, optionally signed)`,
    );
  if (headFile.state === 'missing') {
    if (size === 0) return { head: { seq: 0, hash: GENESIS_HASH }, end: 0, uncommittedLines: 0 };
    throw refuse(
      `${file}.head is missing, so nothing in the log is known to be committed: restore it from a backup or from your last anchor (\`account-policy log-head\` output is a head file)`,
    );
  }
  const { seq, hash } = headFile.head;
  let uncommittedLines = 0;
  // The head's entry once found: a copy of it further back means the later one is past the head.
  let found: CommittedEnd | undefined;
  for await (const line of readLinesBackward(handle, size, MAX_LOG_LINE_BYTES)) {
    const parsed = parseEntryBytes(line.bytes, line.length);
    const entry = parsed.ok ? parsed.entry : undefined;
    if (found) {
      const copy = intactEntry(parsed);
      if (!(copy?.seq === seq && copy.hash === hash)) return found;
      found = {
        head: found.head,
        end: line.start + line.length + 1,
        uncommittedLines: found.uncommittedLines + 1,
      };
      continue;
    }
    if (entry === undefined || entry.seq > seq) {
      uncommittedLines += 1;
      continue;
    }
    if (entry.seq < seq)
      throw refuse(
        `entry seq ${seq}, which ${file}.head names, is not in the log (the last entry before it is seq ${entry.seq}): entries at or before the head were removed or cut`,
      );
    if (!(intactEntry(parsed) && line.terminated))
      throw refuse(
        `entry seq ${seq}, which ${file}.head names, was changed (from byte ${line.start})`,
      );
    if (entry.hash !== hash)
      throw refuse(`entry seq ${seq} is not the one ${file}.head recorded: it was replaced`);
    found = { head: { seq, hash }, end: line.start + line.length + 1, uncommittedLines };
  }
  if (found) return found;
  if (seq === 0) return { head: { seq, hash }, end: 0, uncommittedLines };
  throw refuse(
    `${file}.head says the log reaches seq ${seq}, but no such entry is in it: entries were cut off its end or the log was replaced`,
  );
}

/** A refusal to extend a log whose committed part does not add up. */
function brokenLog(file: string, problem: string): LogWriteError {
  return new LogWriteError(
    file,
    'broken-log',
    `${problem}; nothing was appended. Run \`account-policy verify-log ${file}\` to locate the damage (docs/decision-log.md says how to recover)`,
  );
}
