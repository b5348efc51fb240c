/**
 * The one operator table: every comparison a rule may use, its kind (what check-conditions.ts
 * requires of its fact and value), and how it compares. The compiled engine runs `compare`;
 * the reference engine runs json-rules-engine's stock operator unless `strict` says ours
 * replaces it there too. A test holds the policy-file schema's enum equal to this table.
 *
 * To add an operator: add it here and to the schema's enum, then give it rule test cases.
 */
import type { FactCondition } from '../generated/policy-file.js';

export type OperatorName = FactCondition['operator'];

/** equality: any scalar; numeric: numbers only; membership: value is a list; contains: fact is a list. */
export type OperatorKind = 'equality' | 'numeric' | 'membership' | 'contains';

export interface Operator {
  kind: OperatorKind;
  compare(found: unknown, expected: unknown): boolean;
  /**
   * json-rules-engine's stock operator coerces (`now >= null` is true, "5" < 10 is true), so the
   * reference engine is given `compare` in its place: any non-number makes it false.
   */
  strict: boolean;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

const numeric = (compare: (a: number, b: number) => boolean): Operator => ({
  kind: 'numeric',
  strict: true,
  compare: (a, b) => isNumber(a) && isNumber(b) && compare(a, b),
});

export const OPERATORS: Readonly<Record<OperatorName, Operator>> = {
  equal: { kind: 'equality', strict: false, compare: (a, b) => a === b },
  notEqual: { kind: 'equality', strict: false, compare: (a, b) => a !== b },
  lessThan: numeric((a, b) => a < b),
  lessThanInclusive: numeric((a, b) => a <= b),
  greaterThan: numeric((a, b) => a > b),
  greaterThanInclusive: numeric((a, b) => a >= b),
  in: { kind: 'membership', strict: false, compare: (a, b) => (b as unknown[]).indexOf(a) > -1 },
  notIn: {
    kind: 'membership',
    strict: false,
    compare: (a, b) => (b as unknown[]).indexOf(a) === -1,
  },
  contains: {
    kind: 'contains',
    strict: false,
    compare: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  },
  doesNotContain: {
    kind: 'contains',
    strict: false,
    compare: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  },
};

export const OPERATOR_NAMES = Object.keys(OPERATORS) as OperatorName[];

export function hasKind(operator: string, kind: OperatorKind): boolean {
  return Object.hasOwn(OPERATORS, operator) && OPERATORS[operator as OperatorName].kind === kind;
}
