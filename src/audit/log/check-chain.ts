/**
 * The rules verify-log applies, as pure functions of the lines read so far: which entry breaks
 * the chain first, and what most likely happened to it (docs/decision-log.md, "Problems").
 */
import { GENESIS_HASH, type LogEntry, type LogHead, type ParsedLine } from './log-entry.js';

/**
 * - `altered`: an entry's content no longer matches its hash, or its `prev` does not match the
 *   entry before it (it was replaced or rewritten with a recomputed hash).
 * - `removed`: seq jumps forward: entries are missing before this line.
 * - `reordered`: seq goes back or repeats, or the missing seq follows on the next line.
 * - `truncated`: the log's last line is incomplete, or the head file says the log went further.
 * - `malformed`: a line, or the head file, is not what the writer writes.
 * - `uncommitted`: lines past the head: a writer killed before it recorded its head, or lines
 *   added by hand; the next writer moves them to FILE.uncommitted.
 * - `bad-signature`: `--public-key` was given and the head is unsigned, or not validly signed.
 */
export type LogProblemKind =
  'altered' | 'removed' | 'reordered' | 'truncated' | 'malformed' | 'uncommitted' | 'bad-signature';

export interface LogProblem {
  /** The log, or its head file `FILE.head`. */
  file: string;
  /** 1-based line; for entries cut off the end, the line after the last one. */
  line: number;
  kind: LogProblemKind;
  message: string;
}

/** The intact chain so far. */
export interface ChainState {
  /** Entries checked and intact. */
  entries: number;
  /** The last intact entry (seq 0 and GENESIS_HASH before the first). */
  last: LogHead;
}

export interface LineToCheck {
  line: number;
  parsed: ParsedLine;
  /** The next line, parsed, if there is one: a seq jump followed by the missing seq is a swap. */
  next: ParsedLine | undefined;
  /** This is the last line and it has no newline: a write was cut short. */
  unterminated: boolean;
}

/** A problem before it is placed in a file and line. */
type Finding = Pick<LogProblem, 'kind' | 'message'>;

/** A line that parses as an entry (whether or not its bytes are the writer's). */
type EntryLine = Extract<ParsedLine, { ok: true }>;

/** The problem with this line, or undefined when it extends the chain (and `chain` is updated). */
export function checkLine(
  file: string,
  chain: ChainState,
  { line, parsed, next, unterminated }: LineToCheck,
): LogProblem | undefined {
  if (unterminated) return { file, line, ...cutShort() };
  if (!parsed.ok) return { file, line, ...notAnEntry(parsed) };
  const found = entryProblem(chain, line, parsed, next);
  if (found) return { file, line, ...found };
  chain.entries += 1;
  chain.last = { seq: parsed.entry.seq, hash: parsed.entry.hash };
  return undefined;
}

function cutShort(): Finding {
  return {
    kind: 'truncated',
    message: 'the last line has no end: a write was cut short (a crash, or the file was cut)',
  };
}

function notAnEntry(parsed: Extract<ParsedLine, { ok: false }>): Finding {
  return {
    kind: parsed.kind,
    message: parsed.kind === 'malformed' ? `not a log entry: ${parsed.reason}` : parsed.reason,
  };
}

/** Is the entry byte for byte as written, and in its place in the chain? */
function entryProblem(
  chain: ChainState,
  line: number,
  parsed: EntryLine,
  next: ParsedLine | undefined,
): Finding | undefined {
  const { entry } = parsed;
  if (!parsed.hashMatches)
    return altered(
      `entry seq ${entry.seq} does not match its hash: its content was changed after it was written`,
    );
  if (!parsed.exact)
    return altered(
      `entry seq ${entry.seq} is not byte for byte what the writer wrote (it parses to a matching entry, but its spacing, key order, escapes, number forms, repeated keys or line end were rewritten)`,
    );
  const expected = chain.last.seq + 1;
  if (entry.seq === expected) return linkProblem(chain, line, entry);
  if (entry.seq > expected) return seqJumpProblem(chain, entry, next);
  return seqBackProblem(chain, line, entry);
}

function altered(message: string): Finding {
  return { kind: 'altered', message };
}

/** The entry has the next seq: does its `prev` name the chain's last entry? */
function linkProblem(chain: ChainState, line: number, entry: LogEntry): Finding | undefined {
  if (entry.prev === chain.last.hash) return undefined;
  return altered(
    entry.seq === 1
      ? 'entry seq 1 does not start the chain: its prev is not 64 zeros'
      : `entry seq ${entry.seq} does not link to entry seq ${chain.last.seq} on line ${line - 1}: one of them was replaced`,
  );
}

/** Seq skips ahead: a swap when the missing seq comes next, else a rewritten seq or a removal. */
function seqJumpProblem(chain: ChainState, entry: LogEntry, next: ParsedLine | undefined): Finding {
  const expected = chain.last.seq + 1;
  if (next?.ok && next.entry.seq === expected)
    return {
      kind: 'reordered',
      message: `entry seq ${entry.seq} comes before seq ${expected}: the entries are out of order`,
    };
  if (entry.prev === chain.last.hash)
    return altered(
      `seq jumps from ${chain.last.seq} to ${entry.seq}, yet the entry links to seq ${chain.last.seq}: its seq was rewritten`,
    );
  const missing =
    expected === entry.seq - 1
      ? `entry seq ${expected} is`
      : `entries seq ${expected}–${entry.seq - 1} are`;
  return {
    kind: 'removed',
    message: `${missing} missing before this line (seq jumps from ${chain.last.seq} to ${entry.seq})`,
  };
}

/** Seq goes back or repeats: a duplicate of the line before, or entries out of order. */
function seqBackProblem(chain: ChainState, line: number, entry: LogEntry): Finding {
  if (entry.hash === chain.last.hash)
    return {
      kind: 'reordered',
      message: `entry seq ${entry.seq} repeats line ${line - 1}: an entry was duplicated`,
    };
  return {
    kind: 'reordered',
    message: `entry seq ${entry.seq} comes after seq ${chain.last.seq}: the entries are out of order or duplicated`,
  };
}

export type HeadCheck = { problem: LogProblem } | { lagging: boolean };

/**
 * Compares the intact chain with the head file. `hashAtHeadSeq` is the hash of the entry whose
 * seq the head names, seen while reading (undefined when the chain did not reach it).
 */
export function checkHead(
  file: string,
  chain: ChainState,
  lines: number,
  head: LogHead,
  hashAtHeadSeq: { line: number; hash: string } | undefined,
): HeadCheck {
  const headFile = `${file}.head`;
  const { last } = chain;
  if (head.seq > last.seq) {
    const cut =
      head.seq === last.seq + 1
        ? `entry seq ${head.seq} was`
        : `entries seq ${last.seq + 1}–${head.seq} were`;
    return {
      problem: {
        file,
        line: lines + 1,
        kind: 'truncated',
        message: `${headFile} says the log ends at seq ${head.seq}, but it ends at seq ${last.seq}: ${cut} cut off its end`,
      },
    };
  }
  const recorded = head.seq === 0 ? { line: 0, hash: GENESIS_HASH } : hashAtHeadSeq;
  if (recorded === undefined || recorded.hash !== head.hash) {
    return {
      problem: {
        file,
        line: recorded?.line ?? lines,
        kind: 'altered',
        message: `entry seq ${head.seq} is not the one ${headFile} recorded (hash ${head.hash}): it was replaced`,
      },
    };
  }
  return { lagging: head.seq < last.seq };
}
