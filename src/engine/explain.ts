/**
 * The complete trace behind `--explain`: for every condition of every rule, the fact and path
 * read, the value found, the operator, the value expected and the result. json-rules-engine
 * stops evaluating an `all` at the first false (an `any` at the first true), so its own results
 * miss conditions; here every comparison runs as a rule of its own — still evaluated by
 * json-rules-engine — and all/any/not are recombined from them.
 */
import type { RuleProperties } from 'json-rules-engine';
import type { ConditionTrace, EntryTrace } from '../generated/evaluation-result.js';
import type { Facts } from '../generated/facts.js';
import type { FactCondition, FactReference } from '../generated/policy-file.js';
import type { Condition } from '../rules/rule-set.js';
import { createEngine } from './create-engine.js';
import type { ConditionEntry } from './compiled-policy.js';

export type { ConditionTrace, EntryTrace };

interface LeafOutcome {
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
}

function leaves(condition: Condition, pointer: string, into: Map<string, FactCondition>): void {
  if ('all' in condition) condition.all.forEach((c, i) => leaves(c, `${pointer}/all/${i}`, into));
  else if ('any' in condition)
    condition.any.forEach((c, i) => leaves(c, `${pointer}/any/${i}`, into));
  else if ('not' in condition) leaves(condition.not, `${pointer}/not`, into);
  else into.set(pointer, condition);
}

function isReference(value: FactCondition['value']): value is FactReference {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Traces every entry's condition; the map is keyed by entry id. */
export async function explainConditions(
  entries: readonly ConditionEntry[],
  facts: Facts,
): Promise<Map<string, ConditionTrace>> {
  const engine = createEngine();
  for (const { id, condition } of entries) {
    const found = new Map<string, FactCondition>();
    leaves(condition, '', found);
    for (const [pointer, leaf] of found) {
      const rule: RuleProperties = {
        name: `${id}#${pointer}`,
        conditions: { all: [leaf] },
        event: { type: 'leaf' },
      };
      engine.addRule(rule);
    }
  }
  const { results, failureResults } = await engine.run({ ...facts });
  const outcomes = new Map<string, LeafOutcome>();
  for (const ruleResult of [...results, ...failureResults]) {
    const all = (ruleResult.conditions as unknown as { all: LeafOutcome[] }).all;
    outcomes.set(String(ruleResult.name), all[0] ?? {});
  }
  return new Map(
    entries.map(({ id, condition }) => [
      id,
      trace(condition, '', (pointer) => outcomes.get(`${id}#${pointer}`)),
    ]),
  );
}

function trace(
  condition: Condition,
  pointer: string,
  outcomeAt: (pointer: string) => LeafOutcome | undefined,
): ConditionTrace {
  if ('all' in condition) {
    const all = condition.all.map((c, i) => trace(c, `${pointer}/all/${i}`, outcomeAt));
    return { all, result: all.every((c) => c.result) };
  }
  if ('any' in condition) {
    const any = condition.any.map((c, i) => trace(c, `${pointer}/any/${i}`, outcomeAt));
    return { any, result: any.some((c) => c.result) };
  }
  if ('not' in condition) {
    const not = trace(condition.not, `${pointer}/not`, outcomeAt);
    return { not, result: !not.result };
  }
  const outcome = outcomeAt(pointer) ?? {};
  const reference = isReference(condition.value) ? condition.value : undefined;
  return {
    fact: condition.fact,
    path: condition.path,
    found: outcome.factResult ?? null,
    operator: condition.operator,
    expected: (reference ? outcome.valueResult : condition.value) ?? null,
    ...(reference ? { expectedFrom: { fact: reference.fact, path: reference.path } } : {}),
    // Fail closed: a comparison the engine did not report counts as false.
    result: outcome.result === true,
  };
}
