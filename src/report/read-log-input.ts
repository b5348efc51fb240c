/**
 * A decision log as report input (docs/reports.md, "Reports from a decision log"). A source is a
 * log when `FILE.head` exists beside it or its first bytes are the writer's `{"seq":`; a log is
 * verified first, exactly as `verify-log` does, and refused whole (`log-not-verified`, exit 2)
 * when it does not verify, uncommitted lines included. Never is a log read as plain records.
 * Its records are then read from the committed entries, re-checking each link while reading, so
 * a log changed between the check and the read is refused too.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidInputError, type Diagnostic } from '../diagnostics.js';
import {
  GENESIS_HASH,
  intactEntry,
  MAX_LOG_LINE_BYTES,
  parseEntryBytes,
} from '../audit/log/log-entry.js';
import type { LogHead } from '../audit/log/log-entry.js';
import { verifyLog } from '../audit/log/verify-log.js';
import { readLines } from '../load/read-lines.js';

const ENTRY_PREFIX = '{"seq":';

/** One entry's record as an NDJSON item (read-report-input.ts's InputItem). */
export interface LogItem {
  file: string;
  line: number;
  text: string;
  format: 'json';
}

/** Is this source a decision log? Never true for stdin or a directory. */
export async function isDecisionLog(source: string, cwd: string): Promise<boolean> {
  if (source === '-') return false;
  const path = resolve(cwd, source);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return false;
  if (
    await stat(`${path}.head`).then(
      () => true,
      () => false,
    )
  )
    return true;
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(ENTRY_PREFIX.length);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('latin1') === ENTRY_PREFIX;
  } finally {
    await handle.close();
  }
}

/** The verified head of a log; throws InvalidInputError (`log-not-verified`) when it does not verify. */
export async function verifiedHead(source: string, cwd: string): Promise<LogHead> {
  const verification = await verifyLog(source, { cwd });
  const { problem } = verification;
  if (problem) {
    throw new InvalidInputError([
      notVerified(
        problem.file,
        problem.line,
        `the decision log does not verify: ${problem.kind}: ${problem.message}`,
      ),
    ]);
  }
  return verification.last;
}

/** The records of the entries up to `head`, each as an NDJSON item at its line of the log. */
export async function* readLogRecords(
  source: string,
  cwd: string,
  head: LogHead,
): AsyncGenerator<LogItem> {
  if (head.seq === 0) return;
  let prev = GENESIS_HASH;
  const stream = createReadStream(resolve(cwd, source));
  try {
    for await (const raw of readLines(stream, MAX_LOG_LINE_BYTES)) {
      const entry = raw.terminated
        ? intactEntry(parseEntryBytes(raw.bytes, raw.length))
        : undefined;
      if (entry?.seq !== raw.line || entry.prev !== prev) throw changed(source, raw.line);
      prev = entry.hash;
      yield { file: source, line: raw.line, text: JSON.stringify(entry.record), format: 'json' };
      if (raw.line === head.seq) break;
    }
  } finally {
    stream.destroy();
  }
  if (prev !== head.hash) throw changed(source, head.seq);
}

function changed(file: string, line: number): InvalidInputError {
  return new InvalidInputError([
    notVerified(file, line, 'the decision log changed after it was verified: run verify-log'),
  ]);
}

function notVerified(file: string, line: number, message: string): Diagnostic {
  return { severity: 'error', code: 'log-not-verified', message, file, line };
}
