/**
 * The routes' one way into the decision log, with group commit: the records of every request
 * that asks while an append is running are appended together by the next one — one lock, one
 * write, one fsync — so a small evaluate waits for at most one commit, never for a queue of
 * them. Just before a group is written, each request in it is checked once more: one whose work
 * was stopped (time limit, client gone, shutdown) is left out, so nothing is logged that will
 * not be answered. Once written, every request in the group is answered.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { DecisionRecord } from '../render/record.js';
import { appendToLog } from '../audit/log/append-to-log.js';
import type { ResolvedServerOptions } from './server-options.js';

export interface DecisionLog {
  /** Resolves once `records` are committed; rejects with LogWriteError (→ 503) or the stop reason. */
  commit(records: readonly DecisionRecord[], work: AbortSignal): Promise<void>;
}

export interface CommitObserver {
  /** One group written (or failed): its size and how long the append took. */
  committed(records: number, seconds: number, ok: boolean): void;
}

interface Waiting {
  records: readonly DecisionRecord[];
  work: AbortSignal;
  resolve(): void;
  reject(error: unknown): void;
}

export function decisionLog(
  options: Pick<ResolvedServerOptions, 'log' | 'logKey'>,
  log: FastifyBaseLogger,
  observer?: CommitObserver,
): DecisionLog {
  const file = options.log;
  if (file === undefined) return { commit: async (_records, work) => work.throwIfAborted() };
  const appendOptions = {
    key: options.logKey,
    onUncommitted: (moved: { lines: number; afterSeq: number; sideFile: string }) =>
      log.warn(
        { code: 'log-uncommitted-moved', ...moved },
        `moved ${moved.lines} uncommitted line(s) past head seq ${moved.afterSeq} to ${moved.sideFile}`,
      ),
  };
  let waiting: Waiting[] = [];
  let writing = false;

  async function writeGroups(): Promise<void> {
    writing = true;
    while (waiting.length > 0) {
      const group = waiting.filter((entry) => {
        if (!entry.work.aborted) return true;
        entry.reject(entry.work.reason);
        return false;
      });
      waiting = [];
      if (group.length === 0) continue;
      const records = group.flatMap((entry) => entry.records);
      const started = performance.now();
      try {
        await appendToLog(file as string, records, appendOptions);
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
      work.throwIfAborted();
      return new Promise((resolve, reject) => {
        waiting.push({ records, work, resolve, reject });
        if (!writing) void writeGroups();
      });
    },
  };
}
