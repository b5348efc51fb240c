/**
 * The analysis against brute force, through the public API. Over independent fact paths the
 * witness search meets every equivalence class, so its answers must be exact: "can hold" exactly
 * when some grid point holds (test/conditions.ts), "can fail" exactly when some point fails, never
 * "unknown" — and every witness must reproduce through `evaluate` here, independently of the
 * analysis's own replay. Then the proofs: a rule proved unable to fail (or to hold) is put in a
 * rule set and 10^5 generated snapshots are evaluated; not one may contradict the proof.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  analyzeRule,
  createPolicy,
  loadRuleSet,
  type Policy,
  type RuleDefinition,
  type RuleSet,
  type Witness,
} from '../src/index.js';
import type { Condition } from '../src/generated/policy-file.js';
import { proveCondition } from '../src/rules/prove-condition.js';
import { cases } from './arbitraries.js';
import { condition, GRID, holds } from './conditions.js';
import { repoRoot } from './helpers.js';

let shipped: RuleSet;
beforeAll(async () => {
  const loaded = await loadRuleSet(`${repoRoot}rules`);
  if (!loaded.ok) throw new Error('the shipped rules must load');
  shipped = loaded.ruleSet;
});

/** The shipped rule set with `extra` rules added to cancel, or cancel.pay-closed's condition replaced. */
function withCancelRules(
  rules: (existing: readonly RuleDefinition[]) => RuleDefinition[],
): RuleSet {
  return {
    ...shipped,
    policies: shipped.policies.map((p) =>
      p.name === 'cancel' ? { ...p, rules: rules(p.rules) } : p,
    ),
  };
}

async function fails(policy: Policy, witness: Witness, rule: string): Promise<boolean> {
  const result = await policy.evaluate(witness.snapshot, {
    now: witness.now,
    unbind: witness.unbind,
  });
  return result.policies.cancel.reasons.some((reason) => reason.rule === rule);
}

describe('the analysis agrees with brute force', () => {
  it('on 400 random conditions: every answer exact, every witness reproducing', async () => {
    const samples = fc.sample(condition, { seed: 20261203, numRuns: 400 });
    let decided = 0;
    for (const c of samples) {
      const ruleSet = withCancelRules((rules) =>
        rules.map((r) => (r.id === 'cancel.pay-closed' ? { ...r, holdsWhen: c } : r)),
      );
      const policy = createPolicy(ruleSet);
      const cancel = ruleSet.policies[0]!;
      const rule = cancel.rules[0]!;
      const answer = await analyzeRule(policy, cancel, rule);
      const points = GRID.map((point) => holds(c, point));
      const label = JSON.stringify(c);
      expect(answer.canHold, label).toBe(points.some(Boolean));
      expect(answer.canFail, label).toBe(points.some((held) => !held));
      if (answer.holds) expect(await fails(policy, answer.holds, rule.id), label).toBe(false);
      if (answer.fails) expect(await fails(policy, answer.fails, rule.id), label).toBe(true);
      if (answer.canHold === true && answer.canFail === true) decided++;
    }
    // the sample is not all trivial: most conditions can go either way
    expect(decided).toBeGreaterThan(200);
  });
});

describe('what is proved holds on 10^5 generated snapshots', () => {
  it('a rule proved unable to fail never fails, one proved unable to hold never holds', async () => {
    const proved = fc
      .sample(condition, { seed: 20261204, numRuns: 4000 })
      .map((c) => ({ c, verdict: proveCondition(c) }))
      .filter(({ verdict }) => verdict !== 'depends');
    const always = proved.filter((p) => p.verdict === 'always').slice(0, 20);
    const never = proved.filter((p) => p.verdict === 'never').slice(0, 20);
    expect(always.length).toBe(20);
    expect(never.length).toBe(20);
    const rule = (id: string, holdsWhen: Condition): RuleDefinition => ({
      id,
      source: '2.1',
      description: id,
      holdsWhen,
      reason: { 'zh-CN': id, en: id },
    });
    const policy = createPolicy(
      withCancelRules((rules) => [
        ...rules,
        ...always.map((p, i) => rule(`cancel.always-${i}`, p.c)),
        ...never.map((p, i) => rule(`cancel.never-${i}`, p.c)),
      ]),
    );
    const neverIds = never.map((_, i) => `cancel.never-${i}`);
    let evaluated = 0;
    for (const { snapshot, now, unbind } of fc.sample(cases, {
      seed: 20261205,
      numRuns: 100_000,
    })) {
      const result = await policy.evaluate(snapshot, { now, unbind });
      const failing = result.policies.cancel.reasons.map((reason) => reason.rule);
      const contradicted = failing.filter((id) => id.startsWith('cancel.always-'));
      const missing = neverIds.filter((id) => !failing.includes(id));
      if (contradicted.length > 0 || missing.length > 0)
        expect({ snapshot, now, contradicted, missing }).toBeUndefined();
      evaluated++;
    }
    expect(evaluated).toBe(100_000);
  });
});
