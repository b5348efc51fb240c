/**
 * Runs rule conditions through json-rules-engine and reports, per id, whether its condition
 * held. Fail closed: an id the engine reports neither way counts as not holding, and an error
 * in the engine rejects the whole run.
 */
import type { RuleProperties, TopLevelCondition } from 'json-rules-engine';
import type { Facts } from '../generated/facts.js';
import type { Condition } from '../rules/rule-set.js';
import type { ConditionEntry } from './compiled-policy.js';
import { createEngine } from './create-engine.js';

/** json-rules-engine wants all/any/not at the top; a lone comparison is wrapped in all. */
function topLevel(condition: Condition): TopLevelCondition {
  return (
    'all' in condition || 'any' in condition || 'not' in condition
      ? condition
      : { all: [condition] }
  ) as TopLevelCondition;
}

export async function runConditions(
  entries: readonly ConditionEntry[],
  facts: Facts,
): Promise<Map<string, boolean>> {
  // A fresh Engine per run: its running/finished status is engine-wide, and concurrent run()
  // calls on one Engine have silently skipped rules.
  const engine = createEngine();
  for (const { id, condition } of entries) {
    const rule: RuleProperties = { name: id, conditions: topLevel(condition), event: { type: id } };
    engine.addRule(rule);
  }
  const { results, failureResults } = await engine.run({ ...facts });
  const held = new Map<string, boolean>(entries.map(({ id }) => [id, false]));
  for (const result of failureResults) held.set(String(result.name), false);
  for (const result of results) {
    if (result.result === true) held.set(String(result.name), true);
  }
  return held;
}
