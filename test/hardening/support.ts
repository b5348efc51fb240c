/** Shared by the hardening tests: the loaded policy, an independent result-schema check, outcomes. */
import { expect } from 'vitest';
import { InvalidInputError, type EvaluationResult, type Policy } from '../../src/index.js';
import { publishedSchema } from '../helpers.js';
import type { ReferenceOutcome } from '../reference-model.js';

/** Checked against the published schema, not by the package's own copy of the checker. */
const validateResult = publishedSchema('evaluation-result');

export function expectValidResult(result: EvaluationResult): void {
  const valid = validateResult(result);
  expect(valid, JSON.stringify(validateResult.errors)).toBe(true);
  for (const [name, policy] of Object.entries(result.policies)) {
    if (!policy) continue;
    // pass exactly when there is no reason; consequences only on pass (SPEC §3).
    expect(policy.outcome === 'pass', name).toBe(policy.reasons.length === 0);
    if (policy.outcome === 'fail') expect(policy.consequences, name).toEqual([]);
  }
}

export type Settled =
  { kind: 'result'; result: EvaluationResult } | { kind: 'invalid'; error: InvalidInputError };

/** Runs an evaluation; anything other than a result or InvalidInputError is rethrown (a failure). */
export async function settle(run: () => Promise<EvaluationResult>): Promise<Settled> {
  try {
    return { kind: 'result', result: await run() };
  } catch (error) {
    if (error instanceof InvalidInputError) {
      expect(error.diagnostics.length).toBeGreaterThan(0);
      return { kind: 'invalid', error };
    }
    throw error;
  }
}

/** The parts of a result the reference model decides: ids, outcomes, lifecycle, times. */
export function decisionOf(
  result: EvaluationResult,
): Omit<Extract<ReferenceOutcome, { kind: 'result' }>, 'kind'> {
  return {
    accountId: result.accountId,
    evaluatedAt: result.evaluatedAt,
    lifecycle: { ...result.lifecycle } as Extract<
      ReferenceOutcome,
      { kind: 'result' }
    >['lifecycle'],
    policies: Object.fromEntries(
      Object.entries(result.policies).flatMap(([name, p]) =>
        p
          ? [
              [
                name,
                {
                  outcome: p.outcome,
                  reasons: p.reasons.map((r) => r.rule),
                  consequences: p.consequences.map((c) => c.id),
                },
              ],
            ]
          : [],
      ),
    ),
  };
}

export const PARAMETERS = { coolingOffDays: 15, phoneReleaseDays: 30, timeZone: 'Asia/Shanghai' };

/** Object.prototype as it must stay: no key added, none changed. */
export function prototypeSnapshot(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).sort();
}

export function expectPrototypeClean(before: readonly string[]): void {
  expect(prototypeSnapshot()).toEqual(before);
  for (const key of ['polluted', 'isAdmin', 'x', 'a', 'enabled', 'balanceFen'])
    expect((Object.prototype as Record<string, unknown>)[key], key).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

export type { Policy };
