/**
 * appendToLog: adds decision records to a tamper-evident, append-only log (docs/decision-log.md).
 * Under the log's lock it checks where the chain ends, appends every entry in one write, fsyncs,
 * then records the new end in the head file. Any failure throws a LogWriteError: callers fail
 * closed on it, reporting no decision that was not logged.
 */
import { lstat, open, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { canonicalJson } from '../canonical.js';
import type { DecisionRecord } from '../decision-record.js';
import { entryHash, entryLine, type LogHead } from './log-entry.js';
import { readHeadFile, syncDirectory, writeHeadFile } from './log-head.js';
import { DEFAULT_LOCK_WAIT_MS, withLogLock, type HeldLock } from './log-lock.js';
import { checkedTail } from './log-tail.js';
import { LogWriteError, logWriteErrorOf } from './log-write-error.js';

export interface AppendOptions {
  /** How long to wait while another writer holds the log's lock, in ms. Default: 20000. */
  lockWaitMs?: number | undefined;
  /** A relative `file` is taken from here. Default: process.cwd(). */
  cwd?: string | undefined;
}

/**
 * Appends `records`, in order, as the next entries of the log at `file` (created when missing;
 * its directory must exist). Returns the new head: the last entry's seq and hash, worth keeping
 * somewhere the log's writers cannot reach. Throws LogWriteError on any failure, having
 * appended nothing — except when only the head file could not be updated (the message says so).
 */
export async function appendToLog(file: string, records: readonly DecisionRecord[], options: AppendOptions = {}): Promise<LogHead> {
  records.forEach((record, i) => {
    // A misuse, not a write failure: verify-log would call such an entry malformed.
    if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new TypeError(`appendToLog: records[${i}] must be a decision or error record (an object)`);
  });
  // Serializing is the slow part; done before taking the lock, it does not hold up other writers.
  const canonicalRecords = records.map((record) => canonicalJson(record));
  const path = resolve(options.cwd ?? process.cwd(), file);
  return withLogLock(file, path, options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS, (lock) => appendLocked(file, path, canonicalRecords, lock));
}

async function appendLocked(file: string, path: string, canonicalRecords: readonly string[], lock: HeldLock): Promise<LogHead> {
  const headFile = await readHeadFile(path).catch((error: unknown) => {
    throw logWriteErrorOf(file, `read ${file}.head`, error);
  });
  const existed = await exists(file, path);
  if (!existed && headFile.state === 'present' && headFile.head.seq > 0) {
    throw new LogWriteError(file, 'broken-log', `the log is missing but ${file}.head says it ends at seq ${headFile.head.seq}: restore the log from a backup; nothing was appended`);
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
    tip = await checkedTail(file, handle, size, headFile);
    // A head for the empty chain first: then a log that has entries but no head file can only
    // mean the head was removed, never that a writer died before writing its first head.
    if (headFile.state === 'missing') await writeHeadFile(path, tip);
    if (canonicalRecords.length === 0) return tip;
    const { text, head } = entriesAfter(tip, canonicalRecords);
    lock.assertHeld();
    await appendDurably(file, handle, size, text);
    tip = head;
  } catch (error) {
    throw logWriteErrorOf(file, 'append to the log', error);
  } finally {
    await handle.close().catch(() => undefined);
  }
  lock.assertHeld();
  const first = tip.seq - canonicalRecords.length + 1;
  await writeHeadFile(path, tip).catch((error: unknown) => {
    throw logWriteErrorOf(file, `update ${file}.head after appending seq ${first}–${tip.seq} (those entries are in the log; the next append brings the head up to date)`, error);
  });
  return tip;
}

/** The lines continuing the chain from `tip`, and the head they end at. */
function entriesAfter(tip: LogHead, canonicalRecords: readonly string[]): { text: string; head: LogHead } {
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

/** One write, then fsync; on failure, cut the log back to `size` so no partial entry remains. */
async function appendDurably(file: string, handle: FileHandle, size: number, text: string): Promise<void> {
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.truncate(size).then(() => handle.sync()).catch(() => undefined);
    throw logWriteErrorOf(file, 'append to the log', error);
  }
}

async function exists(file: string, path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw logWriteErrorOf(file, 'look for the log', error);
  }
}
