/**
 * The routes' one way into the decision log, with group commit: the records of every request
 * that asks while an append is running are appended together by the next one — one lock, one
 * write, one fsync — so a small evaluate waits for at most one commit, never for a queue of
 * them. Just before a group is written, each request in it is checked once more: one whose work
 * was stopped (time limit, client gone, shutdown) is left out, so nothing is logged that will
 * not be answered. Once written, every request in the group is answered.
 */
import type { FastifyBaseLogger } from 'fastify';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { InvalidInputError } from '../diagnostics.js';
import type { DecisionRecord } from '../render/record.js';
import { appendToLog } from '../audit/log/append-to-log.js';
import type { RequestWork } from './request-work.js';
import type { ResolvedServerOptions } from './server-options.js';

export interface DecisionLog {
  /** Resolves once `records` are committed; rejects with LogWriteError (→ 503) or the stop reason. */
  commit(records: readonly DecisionRecord[], work: RequestWork): Promise<void>;
}

export interface CommitObserver {
  /** One group written (or failed): its size and how long the append took. */
  committed(records: number, seconds: number, ok: boolean): void;
}

interface Waiting {
  records: readonly DecisionRecord[];
  work: RequestWork;
  resolve(): void;
  reject(error: unknown): void;
}

export function decisionLog(
  options: Pick<ResolvedServerOptions, 'log' | 'logKey' | 'timeLimit'>,
  log: FastifyBaseLogger,
  observer?: CommitObserver,
): DecisionLog {
  const file = options.log;
  if (file === undefined) return { commit: async (_records, work) => work.check() };
  const appendOptions = {
    key: options.logKey,
    // Another writer holding the lock must not keep a request past its time limit.
    lockWaitMs: options.timeLimit,
    onUncommitted: (moved: { lines: number; afterSeq: number; sideFile: string }) =>
      log.warn(
        { code: 'log-uncommitted-moved', ...moved },
        `moved ${moved.lines} uncommitted ${moved.lines === 1 ? 'line' : 'lines'} past head seq ${moved.afterSeq} to ${moved.sideFile}`,
      ),
  };
  let waiting: Waiting[] = [];
  let writing = false;

  async function writeGroups(): Promise<void> {
    writing = true;
    while (waiting.length > 0) {
      const group = waiting.filter((entry) => {
        try {
          entry.work.check();
          return true;
        } catch (reason) {
          entry.reject(reason);
          return false;
        }
      });
      waiting = [];
      if (group.length === 0) continue;
      const records = group.flatMap((entry) => entry.records);
      const started = performance.now();
      try {
        await appendToLog(file as string, records, { ...appendOptions, signal: allStopped(group) });
        observer?.committed(records.length, (performance.now() - started) / 1000, true);
        for (const entry of group) entry.resolve();
      } catch (error) {
        observer?.committed(records.length, (performance.now() - started) / 1000, false);
        for (const entry of group) entry.reject(error);
      }
    }
    writing = false;
  }

  return {
    commit(records, work) {
      work.check();
      return new Promise((resolve, reject) => {
        waiting.push({ records, work, resolve, reject });
        if (!writing) void writeGroups();
      });
    },
  };
}

/**
 * Aborts once every request of the group has been stopped (the shutdown's cut-off, while the
 * group waited for the lock): then nothing of it is written. While one of them is still
 * wanted, the group is written whole and every request in it is answered.
 */
function allStopped(group: readonly Waiting[]): AbortSignal {
  const all = new AbortController();
  let stopped = 0;
  for (const { work } of group) {
    const count = () => {
      stopped += 1;
      if (stopped === group.length) all.abort(work.signal.reason);
    };
    if (work.signal.aborted) count();
    else work.signal.addEventListener('abort', count, { once: true });
  }
  return all.signal;
}

/**
 * A decision log whose directory is missing would make every decision a 503 from the first
 * request on: refused at start instead (the log file itself is created by the first append).
 */
export async function checkLogDirectory(log: string | undefined): Promise<void> {
  if (log === undefined) return;
  const directory = dirname(log);
  const isDirectory = await stat(directory).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  if (!isDirectory)
    throw new InvalidInputError([
      {
        severity: 'error',
        code: 'write-failed',
        message: `cannot keep the decision log ${log}: its directory ${directory} does not exist`,
        file: log,
      },
    ]);
}
