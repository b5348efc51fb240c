/**
 * The keys of the records a log already holds, so that rerunning a batch after a failure does
 * not log the same decision twice: a decision record's key is its decisionId; an error record's,
 * the sha256 of its canonical text. Read once, as bytes with a bound per line; about 100 bytes
 * of memory per entry.
 */
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { readLines } from '../../load/read-lines.js';
import { canonicalJson, sha256Hex } from '../../digest.js';
import { MAX_LOG_LINE_BYTES, parseEntryBytes } from './log-entry.js';
import { logWriteErrorOf } from './log-write-error.js';

/** The key a record is logged under. */
export function recordKey(record: { kind?: unknown; decisionId?: unknown }): string {
  return record.kind === 'decision' && typeof record.decisionId === 'string'
    ? record.decisionId
    : `error:${sha256Hex(canonicalJson(record))}`;
}

/** Keys of every entry in the log at `file`; an empty set when there is no log yet. Throws LogWriteError. */
export async function loggedKeys(file: string, cwd: string): Promise<Set<string>> {
  const keys = new Set<string>();
  const stream = createReadStream(resolve(cwd, file));
  try {
    for await (const line of readLines(stream, MAX_LOG_LINE_BYTES)) {
      const parsed = parseEntryBytes(line.bytes, line.length);
      if (parsed.ok) keys.add(recordKey(parsed.entry.record));
    }
  } catch (error) {
    // No log yet: nothing logged. Anything else fails closed, as an append would.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw logWriteErrorOf(file, 'read the log', error);
  }
  return keys;
}
