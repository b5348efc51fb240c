/** The running count of a batch: what was evaluated, what was refused, pass/fail per policy. */
import type { DecisionRecord } from '../render/record.js';

export interface BatchTally {
  evaluated: number;
  errors: number;
  /** Per policy, in the order first seen (cancel, [unbind,] withdraw, phone-reuse). */
  policies: Record<string, { pass: number; fail: number }>;
}

export function emptyTally(): BatchTally {
  return { evaluated: 0, errors: 0, policies: {} };
}

export function countRecord(tally: BatchTally, record: DecisionRecord): void {
  if (record.kind === 'error') {
    tally.errors++;
    return;
  }
  tally.evaluated++;
  for (const [name, result] of Object.entries(record.policies)) {
    if (!result) continue;
    const counts = (tally.policies[name] ??= { pass: 0, fail: 0 });
    counts[(result as { outcome: 'pass' | 'fail' }).outcome]++;
  }
}

export function addTally(into: BatchTally, from: BatchTally): void {
  into.evaluated += from.evaluated;
  into.errors += from.errors;
  for (const [name, counts] of Object.entries(from.policies)) {
    const target = (into.policies[name] ??= { pass: 0, fail: 0 });
    target.pass += counts.pass;
    target.fail += counts.fail;
  }
}
