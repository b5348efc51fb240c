/** Counts every snapshot's comparison into a DiffReport, keeping the first few examples of each count. */
import { parameterChanges } from '../rules/compare-rule-sets.js';
import type { RuleSet } from '../rules/rule-set.js';
import { comparePair, type LifecycleState, type PairComparison } from './compare-pair.js';
import type {
  DiffReport,
  InvalidSample,
  LifecycleDiff,
  PolicyDiff,
  RuleDiff,
  Sample,
} from './diff-report.js';
import type { EvaluatedPair } from './evaluate-pairs.js';
import { MessageTally } from './tally-messages.js';

export interface TallyContext {
  base: { ruleSet: RuleSet; dir: string | null };
  next: { ruleSet: RuleSet; dir: string | null };
  now: string | undefined;
  /** Account ids kept as examples per count. */
  examples: number;
}

const STATE_ORDER: readonly LifecycleState[] = ['none', 'withdrawn', 'cooling_off', 'cancelled'];

export function tallyDiff(pairs: readonly EvaluatedPair[], context: TallyContext): DiffReport {
  const baseRules = ruleIds(context.base.ruleSet);
  const newRules = ruleIds(context.next.ruleSet);
  const tally = emptyTally(context.base.ruleSet, [
    ...baseRules,
    ...newRules.filter((id) => !baseRules.includes(id)),
  ]);
  const messages = new MessageTally(context.base.ruleSet, context.examples);
  for (const pair of pairs) {
    const comparison = comparePair(pair);
    countPair(tally, comparison, pair, context.examples);
    messages.add(comparison.accountId ?? '', comparison.messages);
  }
  return {
    snapshots: pairs.length,
    changed: tally.changed,
    wordingChanged: messages.snapshots,
    now: context.now ?? null,
    rules: {
      base: { dir: context.base.dir, digest: context.base.ruleSet.digest },
      new: { dir: context.next.dir, digest: context.next.ruleSet.digest },
      removedRuleIds: baseRules.filter((id) => !newRules.includes(id)),
      addedRuleIds: newRules.filter((id) => !baseRules.includes(id)),
      parameterChanges: parameterChanges(context.base.ruleSet, context.next.ruleSet),
    },
    policies: tally.policies,
    ruleChanges: [...tally.ruleDiffs.values()].filter(
      (r) => r.newlyFails.count + r.newlyHolds.count > 0,
    ),
    messageChanges: messages.changes(),
    lifecycle: [...tally.lifecycle.values()].sort(
      (a, b) => stateRank(a.from) - stateRank(b.from) || stateRank(a.to) - stateRank(b.to),
    ),
    invalid: tally.invalid,
  };
}

/** The counts so far, each with its first few examples. */
interface Tally {
  changed: number;
  policies: Record<string, PolicyDiff>;
  /** Keyed by rule id, in the order the report lists them: the base rules, then the added ones. */
  ruleDiffs: Map<string, RuleDiff>;
  /** Keyed by `from→to`. */
  lifecycle: Map<string, LifecycleDiff>;
  invalid: DiffReport['invalid'];
}

function emptyTally(base: RuleSet, rules: readonly string[]): Tally {
  const policies: Record<string, PolicyDiff> = {};
  for (const policy of base.policies) {
    // Without an unbind target (diff has none), `unbind` is never evaluated.
    if (!policy.requiresTarget)
      policies[policy.name] = {
        passToFail: sample(),
        failToPass: sample(),
        reasonsChanged: sample(),
        unchanged: { count: 0 },
      };
  }
  const ruleDiffs = new Map<string, RuleDiff>();
  for (const rule of rules)
    ruleDiffs.set(rule, { rule, newlyFails: sample(), newlyHolds: sample() });
  return {
    changed: 0,
    policies,
    ruleDiffs,
    lifecycle: new Map(),
    invalid: {
      underNewOnly: invalidSample(),
      underBaseOnly: invalidSample(),
      underBoth: invalidSample(),
    },
  };
}

function countPair(
  tally: Tally,
  comparison: PairComparison,
  pair: EvaluatedPair,
  examples: number,
): void {
  if (comparison.changed) tally.changed += 1;
  if (comparison.validity !== 'valid') {
    const key =
      comparison.validity === 'invalidUnderBoth'
        ? 'underBoth'
        : comparison.validity === 'invalidUnderNewOnly'
          ? 'underNewOnly'
          : 'underBaseOnly';
    addInvalid(tally.invalid[key], comparison, pair, examples);
    return;
  }
  const keep = (into: Sample) => addExample(into, comparison.accountId ?? '', examples);
  for (const [name, transition] of comparison.policies) {
    const policy = tally.policies[name];
    if (policy === undefined) continue;
    if (transition === 'unchanged') policy.unchanged.count += 1;
    else keep(policy[transition]);
  }
  for (const rule of comparison.newlyFails) keep(ruleDiff(tally.ruleDiffs, rule).newlyFails);
  for (const rule of comparison.newlyHolds) keep(ruleDiff(tally.ruleDiffs, rule).newlyHolds);
  if (comparison.lifecycle) {
    const { from, to } = comparison.lifecycle;
    const key = `${from}→${to}`;
    const entry = tally.lifecycle.get(key) ?? { from, to, count: 0, examples: [] };
    tally.lifecycle.set(key, entry);
    keep(entry);
  }
}

function ruleIds(ruleSet: RuleSet): string[] {
  return ruleSet.policies.flatMap((policy) => policy.rules.map((rule) => rule.id));
}

function ruleDiff(ruleDiffs: Map<string, RuleDiff>, rule: string): RuleDiff {
  const found = ruleDiffs.get(rule) ?? { rule, newlyFails: sample(), newlyHolds: sample() };
  ruleDiffs.set(rule, found);
  return found;
}

function stateRank(state: LifecycleState): number {
  return STATE_ORDER.indexOf(state);
}

function sample(): Sample {
  return { count: 0, examples: [] };
}

function invalidSample(): InvalidSample {
  return { count: 0, examples: [] };
}

function addExample(into: Sample, accountId: string, limit: number): void {
  into.count += 1;
  if (into.examples.length < limit) into.examples.push(accountId);
}

function addInvalid(
  into: InvalidSample,
  comparison: PairComparison,
  pair: EvaluatedPair,
  limit: number,
): void {
  into.count += 1;
  if (into.examples.length >= limit) return;
  const d = comparison.diagnostic;
  into.examples.push({
    accountId: comparison.accountId ?? null,
    file: d?.file ?? pair.entry.file,
    line: d?.line ?? pair.entry.line ?? null,
    code: d?.code ?? 'schema',
    pointer: d?.pointer ?? null,
    message: d?.message ?? '',
  });
}
