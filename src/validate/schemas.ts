/**
 * One strict Ajv (draft 2020-12) holding every schema in schemas/. Validators are compiled once,
 * at first use. No coercion, no defaults, no removal: what is validated is what is evaluated.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { paths } from '../paths.js';

export type SchemaName =
  | 'account-snapshot'
  | 'facts'
  | 'evaluation-result'
  | 'policy-file'
  | 'parameters-file'
  | 'sections'
  | 'rule-tests'
  | 'decision-record';

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
  return JSON.parse(readFileSync(join(paths.schemas, `${name}.schema.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

export type ErrorMode = 'first' | 'all';

/** The strict Ajv holding every schema (untrusted input: first error only), for the HTTP server. */
export function sharedAjv(): Ajv2020 {
  return instance('first');
}

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
  ajv.addFormat('date-time', rfc3339(ajv.formats['date-time']));
  // Every schema file, the HTTP ones included, so the server validates with this same instance.
  for (const file of readdirSync(paths.schemas)
    .filter((name) => name.endsWith('.schema.json'))
    .sort()) {
    ajv.addSchema(
      JSON.parse(readFileSync(join(paths.schemas, file), 'utf8')) as Record<string, unknown>,
    );
  }
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
export function fragmentErrors(
  name: SchemaName,
  fragment: string,
  value: unknown,
  mode: ErrorMode = 'first',
): ErrorObject[] {
  const key = `fragment:${mode}:${name}#${fragment}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = instance(mode).getSchema(`${schemaId(name)}#${fragment}`);
    if (!validate) throw new Error(`schema ${name} has no ${fragment}`);
    compiled.set(key, validate);
  }
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

/**
 * Whether `value` is valid against one definition inside a schema, e.g. ('policy-file',
 * '/$defs/rule'). `mode` only picks the Ajv instance: the one that has compiled the whole schema
 * already reuses its definitions instead of compiling them again.
 */
export function isValidAgainst(
  name: SchemaName,
  fragment: string,
  value: unknown,
  mode: ErrorMode = 'first',
): boolean {
  return fragmentErrors(name, fragment, value, mode).length === 0;
}

/** Validates `value`; returns ajv's errors (empty when valid): the first one, or with 'all' every one. */
export function schemaErrors(
  name: SchemaName,
  value: unknown,
  mode: ErrorMode = 'first',
): ErrorObject[] {
  const validate = validator(name, mode);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

/**
 * Every error, for a value already known to be invalid, in time linear in the value. Ajv's
 * allErrors copies the errors gathered so far each time a `$ref`'d schema reports more (one
 * `concat` per call), so 26 000 bad list items took 2.7 s; with every local `$ref` written out
 * in place the schema compiles to one function, and each error is pushed once.
 */
export function everyError(name: SchemaName, value: unknown): ErrorObject[] {
  let validate = compiled.get(`inlined:${name}`);
  if (!validate) {
    const root = readSchema(name);
    const { $defs: _defs, ...rest } = root;
    validate = instance('all').compile({
      ...(inlineRefs(rest, root, 0) as Record<string, unknown>),
      $id: `${schemaId(name)}#inlined`.replace('.schema.json#inlined', '.inlined.schema.json'),
    });
    compiled.set(`inlined:${name}`, validate);
  }
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

/** `node` with each `{ $ref: "#/…" }` replaced by `allOf: [the definition]` (schemas without cycles). */
function inlineRefs(node: unknown, root: Record<string, unknown>, depth: number): unknown {
  if (depth > 32) throw new Error('schema refs nest too deep to inline');
  if (Array.isArray(node)) return node.map((item) => inlineRefs(item, root, depth + 1));
  if (node === null || typeof node !== 'object') return node;
  const { $ref, ...rest } = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) out[key] = inlineRefs(value, root, depth + 1);
  if (typeof $ref !== 'string') return out;
  if (!$ref.startsWith('#/')) throw new Error(`cannot inline ${$ref}`);
  let target: unknown = root;
  for (const key of $ref.slice(2).split('/')) target = (target as Record<string, unknown>)[key];
  return { ...out, allOf: [inlineRefs(target, root, depth + 1)] };
}

/**
 * RFC 3339's grammar: ajv-formats also accepts "+00", "+0000" and a space or tab before the
 * time, which Date.parse misreads: "+00" gave NaN (an internal error instead of a refusal, found
 * by scripts/fuzz.mjs) and "0000-01-01 00:00:00Z" became the year 2000. T and Z, ±hh:mm only.
 */
const RFC3339_SHAPE = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

function rfc3339(base: unknown): (text: string) => boolean {
  const check = formatCheck(base);
  return (text) => RFC3339_SHAPE.test(text) && check(text);
}

function formatCheck(format: unknown): (text: string) => boolean {
  if (typeof format === 'function') return format as (s: string) => boolean;
  if (
    format &&
    typeof format === 'object' &&
    'validate' in format &&
    typeof format.validate === 'function'
  )
    return format.validate as (s: string) => boolean;
  throw new Error('date-time format is not registered');
}

/** RFC 3339 date-time with a zone offset, exactly as the snapshot schema checks it. */
export function isDateTime(text: string): boolean {
  return formatCheck(instance().formats['date-time'])(text);
}
