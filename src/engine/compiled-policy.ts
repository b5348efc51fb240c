/**
 * A rule set made ready to run: every condition compiled once (compile-condition.ts), and the
 * two plans an evaluation can need — with an unbind target, and without one, when policies
 * that require a target are left out. Built once per Policy, never per evaluation.
 */
import type { Condition, PolicyDefinition, RuleSet } from '../rules/rule-set.js';
import { compileCondition, type CompiledCondition } from './compile-condition.js';

/** One condition to decide: a rule's holdsWhen, or a conditional consequence's appliesWhen. */
export interface ConditionEntry {
  id: string;
  condition: Condition;
  compiled: CompiledCondition;
}

export interface Plan {
  /** The policies evaluated, in output order. */
  policies: readonly PolicyDefinition[];
  entries: readonly ConditionEntry[];
}

export interface CompiledPolicy {
  plan(withTarget: boolean): Plan;
}

export function compilePolicy(ruleSet: RuleSet): CompiledPolicy {
  // One entry per rule and conditional consequence, shared by both plans: compiled once.
  const entries = new Map<string, ConditionEntry>();
  for (const policy of ruleSet.policies) {
    for (const rule of policy.rules) entries.set(rule.id, entryOf(rule.id, rule.holdsWhen));
    for (const c of policy.consequences) {
      if (c.appliesWhen) entries.set(c.id, entryOf(c.id, c.appliesWhen));
    }
  }
  const withTarget = planOf(ruleSet, entries, true);
  const withoutTarget = planOf(ruleSet, entries, false);
  return { plan: (target) => (target ? withTarget : withoutTarget) };
}

function planOf(
  ruleSet: RuleSet,
  entries: ReadonlyMap<string, ConditionEntry>,
  target: boolean,
): Plan {
  const policies = ruleSet.policies.filter((policy) => !policy.requiresTarget || target);
  const ids = policies.flatMap((policy) => [
    ...policy.rules.map((rule) => rule.id),
    ...policy.consequences.flatMap((c) => (c.appliesWhen ? [c.id] : [])),
  ]);
  return { policies, entries: ids.map((id) => entries.get(id)!) };
}

/**
 * Compiled on first use, then kept: a rule set made by hand (not by the loader) may hold a
 * condition the compiled engine refuses; that refusal is then an error of the evaluation that
 * needs it (failing closed), while the reference engine still runs the rule set as it is.
 */
function entryOf(id: string, condition: Condition): ConditionEntry {
  let compiled: CompiledCondition | undefined;
  return {
    id,
    condition,
    get compiled() {
      return (compiled ??= compileCondition(condition));
    },
  };
}
