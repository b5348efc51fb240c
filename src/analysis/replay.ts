/**
 * A witness is only an answer once the real evaluator agrees: it is evaluated like any caller's
 * snapshot (validated, time-checked, decided) on both engines, and what the policy came to is
 * read from the SPEC §4 result.
 */
import { ENGINE_NAMES, type EngineName } from '../engine/condition-engine.js';
import { InvalidInputError } from '../diagnostics.js';
import type { Policy } from '../evaluate/policy.js';
import type { PolicyName } from '../rules/rule-set.js';
import type { Witness } from './draft.js';

export interface Replayed {
  engine: EngineName;
  outcome: 'pass' | 'fail';
  /** The ids of the rules that failed, in rule order. */
  failing: string[];
  /** The ids of the consequences listed. */
  consequences: string[];
}

/** One result per engine; undefined when the evaluator refuses the snapshot (or leaves the policy out). */
export async function replay(
  policy: Policy,
  witness: Witness,
  name: PolicyName,
): Promise<Replayed[] | undefined> {
  const results: Replayed[] = [];
  for (const engine of ENGINE_NAMES) {
    const options = { now: witness.now, unbind: witness.unbind, engine };
    const result = await policy.evaluate(witness.snapshot, options).catch((error: unknown) => {
      if (error instanceof InvalidInputError) return undefined;
      throw error;
    });
    const decided = result?.policies[name];
    if (!decided) return undefined;
    results.push({
      engine,
      outcome: decided.outcome,
      failing: decided.reasons.map((reason) => reason.rule),
      consequences: decided.consequences.map((consequence) => consequence.id),
    });
  }
  return results;
}
