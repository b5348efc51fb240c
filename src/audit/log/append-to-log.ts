/**
 * appendToLog: adds decision records to a tamper-evident, append-only log (docs/decision-log.md).
 * Under the log's lock it finds the committed end (the entry the head names), moves anything
 * past it aside, appends the new entries, fsyncs, then records the new head: only then are the
 * entries committed. Any failure throws a LogWriteError: callers fail closed on it, reporting
 * no decision that was not committed.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { canonicalJson } from '../../digest.js';
import type { DecisionRecord } from '../../render/record.js';
import { type SignedHead, type SigningKey } from './head-signature.js';
import { depthExceededAt } from '../../load/limits.js';
import {
  entryHash,
  entryLine,
  MAX_LOG_LINE_BYTES,
  MAX_LOG_LINE_DEPTH,
  type LogHead,
} from './log-entry.js';
import { readHeadFile, syncDirectory, writeHeadFile } from './log-head.js';
import { DEFAULT_LOCK_WAIT_MS, withLogLock, type HeldLock } from './log-lock.js';
import { committedEnd } from './log-tail.js';
import { LogWriteError, logWriteErrorOf } from './log-write-error.js';
import { moveUncommitted, type UncommittedMoved } from './move-uncommitted.js';
import { checkSigning, sign } from './log-signing.js';
import { appendDurably, exists } from './append-durably.js';

export type { UncommittedMoved };

export interface AppendOptions {
  /** How long to wait while another writer holds the log's lock, in ms. Default: 20000. */
  lockWaitMs?: number | undefined;
  /** A relative `file` is taken from here. Default: process.cwd(). */
  cwd?: string | undefined;
  /** Sign every head with this Ed25519 key (`--log-key`). Default: unsigned heads. */
  key?: SigningKey | undefined;
  /** Told when uncommitted lines past the head were moved to FILE.uncommitted. Default: nothing. */
  onUncommitted?: ((moved: UncommittedMoved) => void) | undefined;
  /** Checked once the lock is held: if aborted, nothing is written and the call rejects with its reason. */
  signal?: AbortSignal | undefined;
}

interface Append {
  file: string;
  path: string;
  records: readonly string[];
  options: AppendOptions;
}

/**
 * Appends `records`, in order, as the next entries of the log at `file` (created when missing;
 * its directory must exist). Returns the new head, signed when a key is given: worth keeping
 * somewhere the log's writers cannot reach. Throws LogWriteError on any failure; entries whose
 * head was not recorded are uncommitted, and the next writer moves them aside.
 */
export async function appendToLog(
  file: string,
  records: readonly DecisionRecord[],
  options: AppendOptions = {},
): Promise<SignedHead> {
  // Serializing is the slow part; done before taking the lock, it does not hold up other writers.
  const canonicalRecords = records.map((record, i) => canonicalRecordOf(file, record, i));
  const path = resolve(options.cwd ?? process.cwd(), file);
  const append: Append = { file, path, records: canonicalRecords, options };
  return withLogLock(file, path, options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS, async (lock) => {
    options.signal?.throwIfAborted();
    return appendLocked(append, lock);
  });
}

function canonicalRecordOf(file: string, record: DecisionRecord, i: number): string {
  // A misuse, not a write failure: verify-log would call such an entry malformed.
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    throw new TypeError(
      `appendToLog: records[${i}] must be a decision or error record (an object)`,
    );
  // Readers refuse lines nested deeper than this (and canonical JSON recurses): so does the writer.
  if (depthExceededAt(JSON.stringify(record), MAX_LOG_LINE_DEPTH - 2) !== undefined) {
    throw new LogWriteError(
      file,
      'too-large',
      `records[${i}] nests arrays and objects deeper than a log line may (${MAX_LOG_LINE_DEPTH} levels); nothing was appended`,
    );
  }
  const text = canonicalJson(record);
  // Bytes, not UTF-16 units: the bound is what readers hold in memory for one line.
  if (Buffer.byteLength(text) > MAX_LOG_LINE_BYTES - 256) {
    throw new LogWriteError(
      file,
      'too-large',
      `records[${i}] is more than ${MAX_LOG_LINE_BYTES} bytes as a log line, the longest a reader reads; nothing was appended`,
    );
  }
  return text;
}

async function appendLocked(
  { file, path, records, options }: Append,
  lock: HeldLock,
): Promise<SignedHead> {
  const headFile = await readHeadFile(path).catch((error: unknown) => {
    throw logWriteErrorOf(file, `read ${file}.head`, error);
  });
  checkSigning(file, headFile, options.key);
  const existed = await exists(file, path);
  if (!existed && headFile.state === 'present' && headFile.head.seq > 0) {
    throw new LogWriteError(
      file,
      'broken-log',
      `the log is missing but ${file}.head says it ends at seq ${headFile.head.seq}: restore the log from a backup; nothing was appended`,
    );
  }
  let handle: FileHandle;
  try {
    handle = await open(path, 'a+');
    if (!existed) await syncDirectory(dirname(path));
  } catch (error) {
    throw logWriteErrorOf(file, existed ? 'open the log' : 'create the log', error);
  }
  let tip: LogHead;
  try {
    const size = await handle.stat().then((stats) => stats.size);
    const tail = await committedEnd(file, handle, size, headFile);
    tip = tail.head;
    // A head for the empty chain first: then a log that has entries but no head file can only
    // mean the head was removed, never that a writer died before writing its first head.
    if (headFile.state === 'missing') await writeHeadFile(path, sign(tip, options.key));
    if (tail.end < size) {
      lock.assertHeld();
      // Evaluated first: `onUncommitted?.(await …)` would skip the move when no one listens.
      const moved = await moveUncommitted(file, path, handle, size, tail);
      options.onUncommitted?.(moved);
    }
    if (records.length === 0)
      return headFile.state === 'present' ? headFile.head : sign(tip, options.key);
    const { text, head } = entriesAfter(tip, records);
    lock.assertHeld();
    await appendDurably(file, handle, tail.end, text);
    tip = head;
  } catch (error) {
    throw logWriteErrorOf(file, 'append to the log', error);
  } finally {
    await handle.close().catch(() => undefined);
  }
  lock.assertHeld();
  const signed = sign(tip, options.key);
  const first = tip.seq - records.length + 1;
  await writeHeadFile(path, signed).catch((error: unknown) => {
    throw logWriteErrorOf(
      file,
      `update ${file}.head after appending seq ${first}–${tip.seq} (those entries are not committed; the next append moves them to ${file}.uncommitted)`,
      error,
    );
  });
  return signed;
}

/** The lines continuing the chain from `tip`, and the head they end at. */
function entriesAfter(
  tip: LogHead,
  canonicalRecords: readonly string[],
): { text: string; head: LogHead } {
  let { seq, hash } = tip;
  const lines: string[] = [];
  for (const record of canonicalRecords) {
    const prev = hash;
    seq += 1;
    hash = entryHash(seq, prev, record);
    lines.push(entryLine(seq, prev, record, hash));
  }
  return { text: lines.join(''), head: { seq, hash } };
}
