/**
 * The server's validator: the library's strict Ajv (draft 2020-12), which holds every schema in
 * schemas/, the HTTP ones included.
 * fastify's own ajv is never used: it knows no 2020-12, and it coerces types, strips unknown
 * fields and fills defaults, so what it validated would not be what we evaluate.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ajv2020, ErrorObject } from 'ajv/dist/2020.js';
import type { FastifySchemaCompiler } from 'fastify';
import { InvalidInputError, type Diagnostic } from '../diagnostics.js';
import { paths } from '../paths.js';
import { schemaDiagnostics } from '../validate/schema-diagnostics.js';
import { sharedAjv } from '../validate/schemas.js';

export type HttpSchemaName =
  | 'http-evaluate-request'
  | 'http-batch-request'
  | 'http-evaluate-response'
  | 'http-batch-response'
  | 'http-error'
  | 'http-rules-response'
  | 'http-status';

/** Every schema file in schemas/, by file name without `.schema.json`. */
export function schemaFiles(): Map<string, Record<string, unknown>> {
  const files = readdirSync(paths.schemas)
    .filter((name) => name.endsWith('.schema.json'))
    .sort();
  return new Map(
    files.map((name) => [
      name.replace(/\.schema\.json$/, ''),
      JSON.parse(readFileSync(join(paths.schemas, name), 'utf8')) as Record<string, unknown>,
    ]),
  );
}

/** The library's own strict Ajv (src/validate/schemas.ts), which holds the HTTP schemas too. */
export function httpAjv(): Ajv2020 {
  return sharedAjv();
}

export function httpSchemaId(name: string): string {
  return `https://account-policy.invalid/schemas/${name}.schema.json`;
}

/**
 * Diagnostics for `value` against one of the schemas (file "request"), pointers relative to
 * `base` (the value's own pointer in the request body, e.g. "/items/3"); empty when valid.
 */
export function requestDiagnostics(name: HttpSchemaName, value: unknown, base = ''): Diagnostic[] {
  const validate = httpAjv().getSchema(httpSchemaId(name));
  if (!validate) throw new Error(`schema ${name} is not registered`);
  if (validate(value)) return [];
  return asRequestDiagnostics(validate.errors ?? [], value, base);
}

function asRequestDiagnostics(
  errors: readonly ErrorObject[],
  value: unknown,
  base: string,
): Diagnostic[] {
  return schemaDiagnostics(errors, { value, locate: () => undefined }, 'request').map((d) => ({
    ...d,
    pointer: `${base}${d.pointer ?? ''}`,
  }));
}

/**
 * fastify's validator compiler: route schemas are compiled by our Ajv, and a refusal is an
 * InvalidInputError carrying diagnostics, answered as 400 like every other bad input.
 */
export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema }) => {
  const validate = httpAjv().compile(schema);
  return (data: unknown) => {
    if (validate(data)) return { value: data };
    return { error: new InvalidInputError(asRequestDiagnostics(validate.errors ?? [], data, '')) };
  };
};
