/**
 * One pass over a decision log, as bytes, line by line with a bound per line (flat memory,
 * whatever its size or its longest line): the chain up to the head, what lies past the head,
 * and the hashes an anchor or a moving head will be checked against.
 */
import type { FileHandle } from 'node:fs/promises';
import { readLines } from '../../load/read-lines.js';
import { checkLine, type ChainState, type LogProblem } from './check-chain.js';
import { GENESIS_HASH, MAX_LOG_LINE_BYTES, parseEntryBytes, type ParsedLine } from './log-entry.js';

/** Entries past the head remembered, so a head that moves on while we read can be checked. */
const MAX_REMEMBERED = 100_000;

export interface Seen {
  line: number;
  hash: string;
  /** Byte offset just past the entry's newline. */
  end: number;
}

export interface Scan {
  /** The intact chain read, including intact entries past the head. */
  chain: ChainState;
  /** Lines read. */
  lines: number;
  /** The first problem at or before the head (past it, lines are uncommitted whatever they hold). */
  problem: LogProblem | undefined;
  /** Lines past the head's entry, and whether one of them breaks the chain. */
  pastHead: { lines: number; broken: boolean } | undefined;
  /** Entries by seq: the head's, the anchor's, and those past the head (up to MAX_REMEMBERED). */
  seen: Map<number, Seen>;
  /** The log's size when the scan began: what it checked. */
  size: number;
}

interface Pending {
  line: number;
  end: number;
  parsed: ParsedLine;
  terminated: boolean;
}

/** `headSeq`: the head file's seq (undefined without one); `anchorSeq`: an anchor's seq to remember. */
export async function scanLog(
  file: string,
  handle: FileHandle,
  headSeq: number | undefined,
  anchorSeq: number | undefined,
): Promise<Scan> {
  const size = (await handle.stat()).size;
  const scan: Scan = {
    chain: { entries: 0, last: { seq: 0, hash: GENESIS_HASH } },
    lines: 0,
    problem: undefined,
    pastHead: undefined,
    seen: new Map([[0, { line: 0, hash: GENESIS_HASH, end: 0 }]]),
    size,
  };
  if (size === 0) return scan;
  const stream = handle.createReadStream({
    start: 0,
    end: size - 1,
    autoClose: false,
    highWaterMark: 256 * 1024,
  });
  let pending: Pending | undefined;
  try {
    for await (const raw of readLines(stream, MAX_LOG_LINE_BYTES)) {
      const parsed = parseEntryBytes(raw.bytes, raw.length);
      if (pending && !checkPending(file, scan, pending, parsed, headSeq, anchorSeq)) return scan;
      scan.lines = raw.line;
      pending = {
        line: raw.line,
        end: raw.start + raw.length + 1,
        parsed,
        terminated: raw.terminated,
      };
    }
    if (pending) checkPending(file, scan, pending, undefined, headSeq, anchorSeq);
    return scan;
  } finally {
    stream.destroy();
  }
}

/** Checks one line with the next as lookahead; false once nothing more needs reading. */
function checkPending(
  file: string,
  scan: Scan,
  pending: Pending,
  next: ParsedLine | undefined,
  headSeq: number | undefined,
  anchorSeq: number | undefined,
): boolean {
  const { line, end, parsed, terminated } = pending;
  const past = scan.pastHead;
  if (past) {
    past.lines += 1;
    if (past.broken) return true;
  } else if (headSeq !== undefined && scan.chain.last.seq >= headSeq) {
    scan.pastHead = { lines: 1, broken: false };
  }
  const problem = checkLine(file, scan.chain, { line, parsed, next, unterminated: !terminated });
  if (problem) {
    // Past the head, a line is uncommitted whatever it holds: count the rest.
    if (scan.pastHead) scan.pastHead.broken = true;
    else scan.problem = problem;
    return scan.pastHead !== undefined;
  }
  const { seq, hash } = scan.chain.last;
  if (seq === headSeq || seq === anchorSeq || scan.pastHead)
    scan.seen.set(seq, { line, hash, end });
  // A head moving on past this many is taken on trust for the rest (they were written meanwhile).
  return scan.seen.size < MAX_REMEMBERED;
}
