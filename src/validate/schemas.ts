/**
 * One strict Ajv (draft 2020-12) holding every schema in schemas/. Validators are compiled once,
 * at first use. No coercion, no defaults, no removal: what is validated is what is evaluated.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { paths } from '../paths.js';

export type SchemaName = 'account-snapshot' | 'facts' | 'evaluation-result' | 'policy-file' | 'parameters-file' | 'sections' | 'rule-tests' | 'decision-record';

const SCHEMA_NAMES: readonly SchemaName[] = ['account-snapshot', 'facts', 'evaluation-result', 'policy-file', 'parameters-file', 'sections', 'rule-tests', 'decision-record'];

/**
 * Two instances: untrusted input (snapshots) stops at the first error, so a huge bad array
 * costs little; rule files are trusted and get every error, so `check` can list them all.
 */
const instances = new Map<'first' | 'all', Ajv2020>();
const compiled = new Map<string, ValidateFunction>();

export function schemaId(name: SchemaName): string {
  return `https://account-policy.invalid/schemas/${name}.schema.json`;
}

export function readSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(join(paths.schemas, `${name}.schema.json`), 'utf8')) as Record<string, unknown>;
}

export type ErrorMode = 'first' | 'all';

function instance(mode: ErrorMode = 'first'): Ajv2020 {
  let ajv = instances.get(mode);
  if (ajv) return ajv;
  ajv = new Ajv2020({
    strict: true,
    allowUnionTypes: true,
    ownProperties: true,
    coerceTypes: false,
    useDefaults: false,
    removeAdditional: false,
    $data: false,
    allErrors: mode === 'all',
  });
  addFormats.default(ajv, { mode: 'full', formats: ['date-time'] });
  for (const name of SCHEMA_NAMES) ajv.addSchema(readSchema(name));
  instances.set(mode, ajv);
  return ajv;
}

export function validator(name: SchemaName, mode: ErrorMode = 'first'): ValidateFunction {
  let validate = compiled.get(`${mode}:${name}`);
  if (!validate) {
    validate = instance(mode).getSchema(schemaId(name));
    if (!validate) throw new Error(`schema ${name} is not registered`);
    compiled.set(`${mode}:${name}`, validate);
  }
  return validate;
}

/** ajv's errors for `value` against one definition inside a schema, e.g. ('decision-record', '/$defs/decision'). */
export function fragmentErrors(name: SchemaName, fragment: string, value: unknown): ErrorObject[] {
  const key = `fragment:${name}#${fragment}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = instance('first').getSchema(`${schemaId(name)}#${fragment}`);
    if (!validate) throw new Error(`schema ${name} has no ${fragment}`);
    compiled.set(key, validate);
  }
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

/** Whether `value` is valid against one definition inside a schema, e.g. ('policy-file', '/$defs/rule'). */
export function isValidAgainst(name: SchemaName, fragment: string, value: unknown): boolean {
  return fragmentErrors(name, fragment, value).length === 0;
}

/** Validates `value`; returns ajv's errors (empty when valid): the first one, or with 'all' every one. */
export function schemaErrors(name: SchemaName, value: unknown, mode: ErrorMode = 'first'): ErrorObject[] {
  const validate = validator(name, mode);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

/** RFC 3339 date-time with a zone offset, exactly as the snapshot schema checks it. */
export function isDateTime(text: string): boolean {
  const check = instance().formats['date-time'];
  if (typeof check === 'function') return check(text);
  if (check && typeof check === 'object' && 'validate' in check && typeof check.validate === 'function') {
    return (check.validate as (s: string) => boolean)(text);
  }
  throw new Error('date-time format is not registered');
}
