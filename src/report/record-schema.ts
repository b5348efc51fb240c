/**
 * Checks a decision record against the branch of schemas/decision-record.schema.json its `kind`
 * names. Checked against the whole `oneOf`, a broken record only hears "does not match any of
 * the allowed forms"; an auditor needs to hear which field is wrong. Then what a schema cannot
 * say: a record must not contradict itself.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { decisionIdOf, type DecidedRecord } from '../render/record.js';
import { fragmentErrors } from '../validate/schemas.js';

/** The first error of the record against its own kind's branch; empty when it is valid. */
export function recordErrors(record: { kind?: unknown }): ErrorObject[] {
  return fragmentErrors(
    'decision-record',
    record.kind === 'error' ? '/$defs/error' : '/$defs/decision',
    record,
  );
}

/**
 * Why a schema-valid decision record contradicts itself, or undefined: a pass that lists failing
 * rules, a fail that lists none, or a decisionId that is not the digest of what it names (an
 * edited record). Counted as a pass, such a record would tell the auditor what never happened.
 */
export function recordContradiction(record: DecidedRecord): string | undefined {
  for (const [name, policy] of Object.entries(record.policies)) {
    if (!policy) continue;
    const failing = policy.reasons.map((reason) => reason.rule);
    if (policy.outcome === 'pass' && failing.length > 0)
      return `${name} says pass, yet lists failing rules: ${failing.join(', ')}`;
    if (policy.outcome === 'fail' && failing.length === 0)
      return `${name} says fail, yet lists no failing rule`;
  }
  const id = decisionIdOf(
    record.input.digest,
    record.rules.digest,
    record.evaluatedAt,
    record.input.unbind,
  );
  if (id !== record.decisionId)
    return `its decisionId is not the digest of its input digest, rules digest, evaluation time and unbind target (expected ${id}): the record was changed after it was made`;
  return undefined;
}
