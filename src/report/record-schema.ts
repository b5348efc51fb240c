/**
 * Checks a decision record against the branch of schemas/decision-record.schema.json its `kind`
 * names. Checked against the whole `oneOf`, a broken record only hears "does not match any of
 * the allowed forms"; an auditor needs to hear which field is wrong.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { fragmentErrors } from '../validate/schemas.js';

/** The first error of the record against its own kind's branch; empty when it is valid. */
export function recordErrors(record: { kind?: unknown }): ErrorObject[] {
  return fragmentErrors(
    'decision-record',
    record.kind === 'error' ? '/$defs/error' : '/$defs/decision',
    record,
  );
}
