/**
 * Where an append continues the chain: the log's last entry, checked against the head file,
 * reading only the end of the log. Anything that does not add up is refused (a `broken-log`
 * LogWriteError) rather than extended, because a chain continued from a broken end would
 * make the damage look like history.
 */
import type { FileHandle } from 'node:fs/promises';
import { GENESIS_HASH, expectedHashOf, parseEntryLine, type LogEntry, type LogHead } from './log-entry.js';
import type { HeadFile } from './log-head.js';
import { LogWriteError } from './log-write-error.js';
import { byteAt, readLinesBackward, type BackwardLine } from './read-lines-backward.js';

const GENESIS: LogHead = { seq: 0, hash: GENESIS_HASH };

/**
 * The head to continue from. When the head file lags the log (a writer died between appending
 * and updating the head), the entries after it are checked link by link back to it and the
 * log's last entry is returned: those entries were durably written and chain correctly.
 */
export async function checkedTail(file: string, handle: FileHandle, size: number, headFile: HeadFile): Promise<LogHead> {
  const refuse = (problem: string) =>
    new LogWriteError(file, 'broken-log', `${problem}; nothing was appended. Run \`account-policy verify-log ${file}\` to locate the damage (docs/decision-log.md says how to recover)`);
  if (headFile.state === 'malformed') throw refuse(`${file}.head is not {"seq":N,"hash":"<64 hex>"}`);
  if (size === 0) {
    if (headFile.state === 'present' && headFile.head.seq > 0) throw refuse(`the log is empty but ${file}.head says it ends at seq ${headFile.head.seq}: it was truncated or replaced`);
    return GENESIS;
  }
  if (headFile.state === 'missing') throw refuse(`${file}.head is missing, so the log's end cannot be checked: restore it from a backup, or write the head verify-log reports once you have checked it against your last anchor`);
  if ((await byteAt(handle, size - 1)) !== 0x0a) {
    const start = (await readLinesBackward(handle, size).next()).value?.start ?? 0;
    throw refuse(`the last line (from byte ${start}) is incomplete: a write was cut short. If verify-log finds nothing else wrong, cut it off with \`truncate -s ${start} ${file}\``);
  }
  const head = headFile.head;
  const lines = readLinesBackward(handle, size - 1);
  const last = entryOf(await lines.next(), refuse);
  if (head.seq > last.seq) throw refuse(`${file}.head says the log ends at seq ${head.seq}, but its last entry is seq ${last.seq}: entries were cut off its end`);
  if (head.seq === last.seq) {
    if (head.hash !== last.hash) throw refuse(`the last entry (seq ${last.seq}) is not the one ${file}.head recorded: it was replaced`);
    return { seq: last.seq, hash: last.hash };
  }
  // The head lags: walk back from the last entry to the one the head names.
  let later = last;
  for (;;) {
    if (later.seq === head.seq + 1 && head.seq === 0) {
      if (later.prev !== GENESIS_HASH) throw refuse(`entry seq 1 does not start the chain`);
      return { seq: last.seq, hash: last.hash };
    }
    const earlier = entryOf(await lines.next(), refuse);
    if (earlier.seq !== later.seq - 1 || earlier.hash !== later.prev) throw refuse(`entry seq ${later.seq} does not follow the entry before it`);
    if (earlier.seq === head.seq) {
      if (earlier.hash !== head.hash) throw refuse(`entry seq ${head.seq} is not the one ${file}.head recorded: it was replaced`);
      return { seq: last.seq, hash: last.hash };
    }
    later = earlier;
  }
}

/** The line as an entry whose hash matches its content; the log is refused otherwise. */
function entryOf(next: IteratorResult<BackwardLine>, refuse: (problem: string) => LogWriteError): LogEntry {
  if (next.done) throw refuse('the log ended before the entry its head names');
  const parsed = parseEntryLine(next.value.text);
  if (!parsed.ok) throw refuse(`the line from byte ${next.value.start} is not a log entry (${parsed.reason})`);
  if (expectedHashOf(parsed.entry) !== parsed.entry.hash) throw refuse(`entry seq ${parsed.entry.seq} does not match its hash: it was altered`);
  return parsed.entry;
}
