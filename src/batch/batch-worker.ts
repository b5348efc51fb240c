/**
 * A batch worker thread: receives the loaded rule set as data (it never reads the rule files:
 * every worker decides by exactly the rules the main thread checked), reports which rules it
 * built (rules-identity.ts; the pool checks them), then evaluates each chunk it is sent and
 * posts back the record lines. An unexpected error is posted back, never swallowed: the batch
 * then fails as a whole rather than leave a gap in the output.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { EvaluateOptions } from '../evaluate/options.js';
import { createPolicy } from '../evaluate/policy.js';
import { frozenRuleSet } from '../rules/freeze.js';
import type { RuleSet } from '../rules/rule-set.js';
import { evaluateChunk, type BatchItem } from './evaluate-chunk.js';
import { rulesIdentity, type RulesIdentity } from './rules-identity.js';

export interface WorkerSetup {
  /** Structured-cloned from the main thread's loaded rule set. */
  ruleSet: RuleSet;
  options: EvaluateOptions;
}

export type ToWorker = { seq: number; items: BatchItem[] };
export type FromWorker =
  | { seq: number; lines: string[]; tally: import('./tally.js').BatchTally }
  | { seq: number; error: string };
/** The first message: the Policy is built, by these rules. */
export type WorkerReady = { ready: RulesIdentity };

const setup = workerData as WorkerSetup;
const port = parentPort;
if (!port) throw new Error('batch-worker must run in a worker thread');
const policy = createPolicy(frozenRuleSet(setup.ruleSet));
port.on('message', (message: ToWorker) => {
  evaluateChunk(policy, message.items, setup.options).then(
    (result) => port.postMessage({ seq: message.seq, ...result } satisfies FromWorker),
    (error: unknown) =>
      port.postMessage({
        seq: message.seq,
        error: (error as Error).stack ?? String(error),
      } satisfies FromWorker),
  );
});
port.postMessage({ ready: rulesIdentity(policy.ruleSet) } satisfies WorkerReady);
