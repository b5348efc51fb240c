/** The operator table (src/rules/operators.ts) is the one list of operators: the schema's enum must be it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATOR_NAMES, OPERATORS } from '../src/rules/operators.js';
import { repoRoot } from './helpers.js';

function schemaOperators(): unknown {
  const schema = JSON.parse(
    readFileSync(join(repoRoot, 'schemas/policy-file.schema.json'), 'utf8'),
  );
  const found: unknown[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const operator = (record.properties as Record<string, { enum?: unknown }> | undefined)
      ?.operator;
    if (operator?.enum) found.push(operator.enum);
    Object.values(record).forEach(walk);
  };
  walk(schema);
  return found;
}

describe('the operator table', () => {
  it('is exactly the operator enum of schemas/policy-file.schema.json, in its order', () => {
    expect(schemaOperators()).toEqual([OPERATOR_NAMES]);
    expect(OPERATOR_NAMES).toHaveLength(10);
  });

  it('compares numbers strictly and lists by membership', () => {
    expect(OPERATORS.greaterThanInclusive.compare(null, 0)).toBe(false);
    expect(OPERATORS.lessThan.compare('5', 10)).toBe(false);
    expect(OPERATORS.lessThan.compare(5, 10)).toBe(true);
    expect(OPERATORS.notIn.compare('a', [])).toBe(true);
    expect(OPERATORS.doesNotContain.compare('not a list', 'x')).toBe(false);
    expect(
      Object.entries(OPERATORS)
        .filter(([, o]) => o.strict)
        .map(([n]) => n),
    ).toEqual(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
  });
});
