/**
 * One entry of the decision log: a line `{"seq":N,"prev":"…","record":{…},"hash":"…"}`. Each
 * entry's hash covers its seq, the previous entry's hash and its record, so changing, removing
 * or reordering any entry breaks every link after it. A line is an entry only when its bytes are
 * exactly the bytes the writer writes for it (docs/decision-log.md, "What the hash covers").
 */
import type { DecisionRecord } from '../../render/record.js';
import { canonicalJson, sha256Hex } from '../../digest.js';
import { depthExceededAt } from '../../load/limits.js';
import { decodeUtf8 } from '../../load/read-lines.js';

/** The `prev` of the first entry, and the hash of an empty log. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The deepest nesting of arrays and objects in a line: records nest a dozen levels; a deeper line
 * is refused before anything recursive (canonical JSON) sees it.
 */
export const MAX_LOG_LINE_DEPTH = 128;

/** The longest line a writer writes (and a reader reads); a longer record is refused. */
export const MAX_LOG_LINE_BYTES = 16 * 1024 * 1024;

export const HEX64 = /^[0-9a-f]{64}$/;

export interface LogEntry {
  /** 1 for the first entry, then one more per entry. */
  seq: number;
  /** The hash of the entry before (GENESIS_HASH for the first). */
  prev: string;
  /** A decision or error record; a parsed entry's record is only checked to be an object. */
  record: DecisionRecord;
  /** entryHash(seq, prev, canonicalJson(record)). */
  hash: string;
}

/** Where the chain ends: the last entry's seq and hash (seq 0 and GENESIS_HASH when empty). */
export interface LogHead {
  seq: number;
  hash: string;
}

/**
 * sha256 (hex) of `prev`, a newline, and the canonical JSON (RFC 8785) of {seq, prev, record}.
 * Takes the record already canonical so a writer canonicalizes each record once, outside the lock.
 */
export function entryHash(seq: number, prev: string, canonicalRecord: string): string {
  // canonicalJson({seq, prev, record}) with its keys in RFC 8785 order (prev < record < seq),
  // assembled here rather than re-serializing a record that is already canonical.
  return sha256Hex(`${prev}\n{"prev":"${prev}","record":${canonicalRecord},"seq":${seq}}`);
}

/** The entry as its line, newline included; the record is written in its canonical form. */
export function entryLine(
  seq: number,
  prev: string,
  canonicalRecord: string,
  hash: string,
): string {
  return `{"seq":${seq},"prev":"${prev}","record":${canonicalRecord},"hash":"${hash}"}\n`;
}

/**
 * - ok with `hashMatches` and `exact`: the line is an entry, byte for byte as written.
 * - ok but not `hashMatches`: the record was changed after its hash was computed.
 * - ok but not `exact`: it parses to an entry, but its bytes are not the writer's (white space,
 *   key order, escapes, number forms, duplicate keys, CRLF): it was rewritten.
 * - not ok: not an entry at all; `kind` says whether it is malformed or its bytes were damaged.
 */
export type ParsedLine =
  | { ok: true; entry: LogEntry; hashMatches: boolean; exact: boolean }
  | { ok: false; kind: 'malformed' | 'altered'; reason: string };

/** Reads one line's bytes (without its `\n`) as an entry; `undefined` bytes mean over the bound. */
export function parseEntryBytes(bytes: Uint8Array | undefined, length: number): ParsedLine {
  if (bytes === undefined)
    return {
      ok: false,
      kind: 'malformed',
      reason: `the line is ${length} bytes long, more than the ${MAX_LOG_LINE_BYTES} a writer writes`,
    };
  const text = decodeUtf8(bytes);
  if (text === undefined)
    return {
      ok: false,
      kind: 'altered',
      reason: 'the line is not valid UTF-8: its bytes were changed',
    };
  return parseEntryLine(text);
}

export function parseEntryLine(text: string): ParsedLine {
  const deep = depthExceededAt(text, MAX_LOG_LINE_DEPTH);
  if (deep !== undefined)
    return {
      ok: false,
      kind: 'malformed',
      reason: `arrays and objects nest deeper than ${MAX_LOG_LINE_DEPTH} levels (at character ${deep}), deeper than any record a writer writes`,
    };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      ok: false,
      kind: 'malformed',
      reason: text.trim() === '' ? 'the line is empty' : 'the line is not valid JSON',
    };
  }
  const reason = shapeProblem(value);
  if (reason !== undefined) return { ok: false, kind: 'malformed', reason };
  const entry = value as LogEntry;
  const record = canonicalJson(entry.record);
  const hashMatches = entryHash(entry.seq, entry.prev, record) === entry.hash;
  const exact = `${text}\n` === entryLine(entry.seq, entry.prev, record, entry.hash);
  return { ok: true, entry, hashMatches, exact };
}

function shapeProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'the line must be a JSON object {seq, prev, record, hash}';
  const extra = Object.keys(value).filter(
    (key) => !['seq', 'prev', 'record', 'hash'].includes(key),
  );
  if (extra.length > 0)
    return `unexpected field${extra.length === 1 ? '' : 's'} ${extra.map((key) => JSON.stringify(key)).join(', ')}`;
  const { seq, prev, record, hash } = value;
  if (!(typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 1))
    return 'seq must be a whole number ≥ 1';
  if (!(typeof prev === 'string' && HEX64.test(prev)))
    return 'prev must be 64 lowercase hex digits';
  if (!isObject(record)) return 'record must be a JSON object';
  if (!(typeof hash === 'string' && HEX64.test(hash)))
    return 'hash must be 64 lowercase hex digits';
  return undefined;
}

/** A parsed line that is an intact entry: right hash, writer's exact bytes. */
export function intactEntry(parsed: ParsedLine): LogEntry | undefined {
  return parsed.ok && parsed.hashMatches && parsed.exact ? parsed.entry : undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
