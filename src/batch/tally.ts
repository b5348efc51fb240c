/**
 * The running count of a batch: what was evaluated, what was refused, pass/fail per policy, and
 * each fail as notApplicable (every reason a premise of the rule set) or blocked, as reports count.
 */
import type { DecisionRecord } from '../render/record.js';
import { failKind } from '../rules/rule-set.js';

export interface BatchTally {
  evaluated: number;
  errors: number;
  /** Per policy, in the order first seen (cancel, [unbind,] withdraw, phone-reuse). */
  policies: Record<string, PolicyCounts>;
}

export interface PolicyCounts {
  pass: number;
  fail: number;
  /** notApplicable + blocked = fail. */
  notApplicable: number;
  blocked: number;
}

const zero = (): PolicyCounts => ({ pass: 0, fail: 0, notApplicable: 0, blocked: 0 });

export function emptyTally(): BatchTally {
  return { evaluated: 0, errors: 0, policies: {} };
}

/** @param premises the rule ids the rule set marks `premise: true` (rules/rule-set.ts premiseIds) */
export function countRecord(
  tally: BatchTally,
  record: DecisionRecord,
  premises: ReadonlySet<string> = new Set(),
): void {
  if (record.kind === 'error') {
    tally.errors++;
    return;
  }
  tally.evaluated++;
  for (const [name, result] of Object.entries(record.policies)) {
    if (!result) continue;
    const { outcome, reasons } = result as {
      outcome: 'pass' | 'fail';
      reasons: ReadonlyArray<{ rule: string }>;
    };
    const counts = (tally.policies[name] ??= zero());
    counts[outcome]++;
    if (outcome === 'fail') counts[failKind(reasons, premises)]++;
  }
}

export function addTally(into: BatchTally, from: BatchTally): void {
  into.evaluated += from.evaluated;
  into.errors += from.errors;
  for (const [name, counts] of Object.entries(from.policies)) {
    const target = (into.policies[name] ??= zero());
    for (const key of ['pass', 'fail', 'notApplicable', 'blocked'] as const)
      target[key] += counts[key];
  }
}
