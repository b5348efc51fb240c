/**
 * One entry of the decision log: a line `{"seq":N,"prev":"…","record":{…},"hash":"…"}`. Each
 * entry's hash covers its seq, the previous entry's hash and its record, so changing, removing
 * or reordering any entry breaks every link after it (docs/decision-log.md).
 */
import type { DecisionRecord } from '../decision-record.js';
import { canonicalJson, sha256Hex } from '../canonical.js';

/** The `prev` of the first entry, and the hash of an empty log. */
export const GENESIS_HASH = '0'.repeat(64);

const HEX64 = /^[0-9a-f]{64}$/;

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
export function entryLine(seq: number, prev: string, canonicalRecord: string, hash: string): string {
  return `{"seq":${seq},"prev":"${prev}","record":${canonicalRecord},"hash":"${hash}"}\n`;
}

export type ParsedLine = { ok: true; entry: LogEntry } | { ok: false; json: boolean; reason: string };

/**
 * Reads one line as an entry, checking its shape only (not its hash or links). `json` says
 * whether the line was JSON at all: a line cut short by a crash usually is not.
 */
export function parseEntryLine(text: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, json: false, reason: text.trim() === '' ? 'the line is empty' : 'the line is not valid JSON' };
  }
  const reason = shapeProblem(value);
  return reason === undefined ? { ok: true, entry: value as LogEntry } : { ok: false, json: true, reason };
}

function shapeProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'the line must be a JSON object {seq, prev, record, hash}';
  const extra = Object.keys(value).filter((key) => !['seq', 'prev', 'record', 'hash'].includes(key));
  if (extra.length > 0) return `unexpected field${extra.length === 1 ? '' : 's'} ${extra.map((key) => JSON.stringify(key)).join(', ')}`;
  const { seq, prev, record, hash } = value;
  if (!(typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 1)) return 'seq must be a whole number ≥ 1';
  if (!(typeof prev === 'string' && HEX64.test(prev))) return 'prev must be 64 lowercase hex digits';
  if (!isObject(record)) return 'record must be a JSON object';
  if (!(typeof hash === 'string' && HEX64.test(hash))) return 'hash must be 64 lowercase hex digits';
  return undefined;
}

/** The hash an entry should have, from its own content. */
export function expectedHashOf(entry: LogEntry): string {
  return entryHash(entry.seq, entry.prev, canonicalJson(entry.record));
}

/** Reads a head file's text; undefined when it is not `{"seq":N,"hash":"…"}`. */
export function parseHead(text: string): LogHead | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value) || Object.keys(value).length !== 2) return undefined;
  const { seq, hash } = value;
  if (!(typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0)) return undefined;
  if (!(typeof hash === 'string' && HEX64.test(hash))) return undefined;
  if (seq === 0 && hash !== GENESIS_HASH) return undefined;
  return { seq, hash };
}

export function headText(head: LogHead): string {
  return `{"seq":${head.seq},"hash":"${head.hash}"}\n`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
