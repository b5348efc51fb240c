/**
 * `diff --base A --rules B` without a corpus: for every policy and rule, can its decision differ
 * between A and B on some account, and which way? Each "yes" comes with example accounts on which
 * both rule sets were really evaluated and disagree; "no" comes from the prover, over the
 * condition "A and not B" (or "B and not A"); anything else is undecided (docs/diff.md).
 * Parameters count: a shorter cooling-off changes what the same condition decides, so every
 * account is derived under each side's own parameters.
 */
import { canonicalJson } from '../digest.js';
import { compileCondition } from '../engine/compile-condition.js';
import { createPolicy, type Policy } from '../evaluate/policy.js';
import type { Facts } from '../generated/facts.js';
import type { ChangeExample, RuleChange, SemanticDiff } from '../generated/semantic-diff.js';
import { parameterChanges, templateChanges } from '../rules/compare-rule-sets.js';
import { POLICY_NAMES } from '../rules/load-rule-set.js';
import { loadRuleSetPair } from '../rules/load-rule-set-pair.js';
import type { Condition, PolicyDefinition, PolicyName } from '../rules/rule-set.js';
import { AnalysisBug } from './analyze-rule-set.js';
import { provedUnchanged, type Direction } from './prove-unchanged.js';
import { replay, type Replayed } from './replay.js';
import { scopeOf } from './scope.js';
import { candidates, factsOf } from './search.js';

export type { SemanticDiff };

export interface SemanticDiffOptions {
  /** The rule directory in force (the "before"). */
  base: string;
  /** The proposed rule directory (the "after"). Default: the shipped rules/. */
  rules?: string | undefined;
  /** Example accounts per change. Default: 3. */
  examples?: number | undefined;
  cwd?: string | undefined;
}

/** Both rule sets, as the diff compares them. */
interface Sides {
  base: Policy;
  next: Policy;
}

/** Throws InvalidInputError when either rule set does not load (as `diff` with a corpus does). */
export async function semanticDiff(options: SemanticDiffOptions): Promise<SemanticDiff> {
  const cwd = options.cwd ?? process.cwd();
  const { base, next } = await loadRuleSetPair(options.base, options.rules, cwd);
  const sides = { base: createPolicy(base), next: createPolicy(next) };
  // A change is shown with at least one example, whatever --examples says.
  const examples = Math.max(1, options.examples ?? 3);
  const found: RuleChange[] = [];
  const undecided: SemanticDiff['undecided'] = [];
  for (const name of POLICY_NAMES) {
    for (const rule of ruleIds(sides, name)) {
      const outcome = await compareRule(sides, name, rule, examples);
      found.push(...outcome.changes);
      if (outcome.undecided) undecided.push({ policy: name, rule });
    }
  }
  const changes = [
    ...found.filter((c) => c.direction === 'more-permissive'),
    ...found.filter((c) => c.direction === 'less-permissive'),
  ];
  return {
    rules: {
      base: { dir: options.base, digest: base.digest },
      new: { dir: options.rules ?? null, digest: next.digest },
      parameterChanges: parameterChanges(base, next),
    },
    verdict: changes.length > 0 ? 'changes' : undecided.length > 0 ? 'unknown' : 'equivalent',
    changes,
    undecided,
    wording: templateChanges(base, next),
  };
}

const definitionOf = (policy: Policy, name: PolicyName): PolicyDefinition | undefined =>
  policy.ruleSet.policies.find((p) => p.name === name);

/** The new rule set's ids in its order, then those only the base has. */
function ruleIds(sides: Sides, name: PolicyName): string[] {
  const ids = (policy: Policy) => definitionOf(policy, name)?.rules.map((r) => r.id) ?? [];
  return [...new Set([...ids(sides.next), ...ids(sides.base)])];
}

interface RuleOutcome {
  changes: RuleChange[];
  undecided: boolean;
}

async function compareRule(
  sides: Sides,
  name: PolicyName,
  id: string,
  examples: number,
): Promise<RuleOutcome> {
  const before = definitionOf(sides.base, name)?.rules.find((r) => r.id === id)?.holdsWhen;
  const after = definitionOf(sides.next, name)?.rules.find((r) => r.id === id)?.holdsWhen;
  const changes: RuleChange[] = [];
  let undecided = false;
  for (const direction of ['more-permissive', 'less-permissive'] as const) {
    const parameters = {
      before: sides.base.ruleSet.parameters,
      after: sides.next.ruleSet.parameters,
    };
    if (provedUnchanged(before, after, parameters, direction)) continue;
    const found = await examplesOf(sides, name, id, direction, examples);
    const [first, ...rest] = found;
    if (first) changes.push({ policy: name, rule: id, direction, examples: [first, ...rest] });
    else undecided = true;
  }
  return { changes, undecided };
}

/** Accounts on which the rule goes `direction`: first where the whole policy flips, then any. */
async function examplesOf(
  sides: Sides,
  name: PolicyName,
  id: string,
  direction: Direction,
  wanted: number,
): Promise<ChangeExample[]> {
  const rule = (policy: Policy) => definitionOf(policy, name)?.rules.find((r) => r.id === id);
  const others = (policy: Policy) =>
    (definitionOf(policy, name)?.rules ?? []).filter((r) => r.id !== id).map((r) => r.holdsWhen);
  const judge = (policy: Policy) => {
    const condition = rule(policy)?.holdsWhen;
    const compiled = condition && compileCondition(condition);
    const rest = others(policy).map(compileCondition);
    return {
      holds: (facts: Facts) => (compiled ? compiled.holds(facts) : true),
      othersHold: (facts: Facts) => rest.every((c) => c.holds(facts)),
    };
  };
  const base = judge(sides.base);
  const next = judge(sides.next);
  const wantBefore = direction === 'less-permissive';
  const own = [rule(sides.base)?.holdsWhen, rule(sides.next)?.holdsWhen].filter(
    (c): c is Condition => c !== undefined,
  );
  const found: ChangeExample[] = [];
  const seen = new Set<string>();
  for (const strict of [true, false]) {
    const conditions = strict ? [...own, ...others(sides.base), ...others(sides.next)] : own;
    const parameters = [sides.next.ruleSet.parameters, sides.base.ruleSet.parameters];
    const requiresTarget = (definitionOf(sides.next, name) ?? definitionOf(sides.base, name))!
      .requiresTarget;
    for (const { witness } of candidates(scopeOf(conditions, parameters, requiresTarget))) {
      if (found.length >= wanted) return found;
      const key = canonicalJson(witness);
      if (seen.has(key)) continue;
      const before = factsOf(witness, sides.base.ruleSet.parameters);
      const after = factsOf(witness, sides.next.ruleSet.parameters);
      if (base.holds(before) !== wantBefore || next.holds(after) === wantBefore) continue;
      if (strict && !(base.othersHold(before) && next.othersHold(after))) continue;
      const results = await bothSides(sides, witness, name);
      if (!results) continue; // refused under one of the rule sets
      const [b, a] = results;
      const reproduced =
        b.every((r) => r.failing.includes(id) !== wantBefore) &&
        a.every((r) => r.failing.includes(id) === wantBefore);
      if (!reproduced) throw new AnalysisBug(`${id}: a diff example did not reproduce: ${key}`);
      seen.add(key);
      found.push({ ...witness, before: outcomeOf(b[0]!), after: outcomeOf(a[0]!) });
    }
  }
  return found;
}

async function bothSides(
  sides: Sides,
  witness: Parameters<typeof replay>[1],
  name: PolicyName,
): Promise<[Replayed[], Replayed[]] | undefined> {
  const before = await replay(sides.base, witness, name);
  const after = before && (await replay(sides.next, witness, name));
  return before && after ? [before, after] : undefined;
}

const outcomeOf = (r: Replayed) => ({ outcome: r.outcome, failing: r.failing });
