/** The routes' one way into the decision log: signed as configured, moved-aside lines logged. */
import type { DecisionRecord } from '../render/record.js';
import { appendToLog } from '../audit/log/append-to-log.js';
import type { RouteContext } from './routes/route-context.js';

/** Appends (and commits) `records` when the server keeps a log; throws LogWriteError (→ 503). */
export async function logDecisions(
  { fastify, options }: RouteContext,
  records: readonly DecisionRecord[],
): Promise<void> {
  if (options.log === undefined) return;
  await appendToLog(options.log, records, {
    key: options.logKey,
    onUncommitted: (moved) =>
      fastify.log.warn(
        { code: 'log-uncommitted-moved', ...moved },
        `moved ${moved.lines} uncommitted line(s) past head seq ${moved.afterSeq} to ${moved.sideFile}`,
      ),
  });
}
