/**
 * Checks a decision record against the branch of schemas/decision-record.schema.json its `kind`
 * names. The shared validator checks the whole `oneOf`, whose only message for a broken record
 * is "does not match any of the allowed forms"; an auditor needs to hear which field is wrong.
 * Same strict options as validate/schemas.ts; compiled once, on the first record.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readSchema, schemaId } from '../validate/schemas.js';

let branches: { decision: ValidateFunction; error: ValidateFunction } | undefined;

function compile(): NonNullable<typeof branches> {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, ownProperties: true, coerceTypes: false, useDefaults: false, removeAdditional: false, $data: false });
  addFormats.default(ajv, { mode: 'full', formats: ['date-time'] });
  ajv.addSchema(readSchema('evaluation-result'));
  ajv.addSchema(readSchema('decision-record'));
  const branch = (name: string) => {
    const validate = ajv.getSchema(`${schemaId('decision-record')}#/$defs/${name}`);
    if (!validate) throw new Error(`decision-record schema has no $defs/${name}`);
    return validate;
  };
  return { decision: branch('decision'), error: branch('error') };
}

/** The first error of the record against its own kind's branch; empty when it is valid. */
export function recordErrors(record: { kind?: unknown }): ErrorObject[] {
  branches ??= compile();
  const validate = record.kind === 'error' ? branches.error : branches.decision;
  return validate(record) ? [] : [...(validate.errors ?? [])];
}
