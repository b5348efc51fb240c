/**
 * Random conditions over four independent fact paths (pay.enabled, pay.balanceFen,
 * lifecycle.state, authorizations.wecom.names), and a grid of values for them that contains
 * every equivalence class those conditions' constants make, with a brute-force evaluator written
 * in plain JavaScript (not the engine's operators). The prover's and the analysis's property
 * tests hold their answers to it.
 */
import fc from 'fast-check';
import type { Condition } from '../src/generated/policy-file.js';

const STATES = ['none', 'withdrawn', 'cooling_off', 'cancelled'] as const;
const NAMES = ['Alpha', 'Beta'];

export interface Point {
  enabled: boolean;
  balance: number;
  state: string;
  names: string[];
}

export const GRID: Point[] = [];
for (const enabled of [true, false])
  for (let balance = 0; balance <= 13; balance++)
    for (const state of STATES)
      for (const names of [
        [],
        ['Alpha'],
        ['Beta'],
        ['Alpha', 'Beta'],
        ['Gamma'],
        ['Alpha', 'Gamma'],
      ])
        GRID.push({ enabled, balance, state, names });

const numeric = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
] as const;

const comparison: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    fact: fc.constant('pay' as const),
    path: fc.constant('$.enabled'),
    operator: fc.constantFrom('equal' as const, 'notEqual' as const),
    value: fc.boolean(),
  }),
  fc.record({
    fact: fc.constant('pay' as const),
    path: fc.constant('$.enabled'),
    operator: fc.constantFrom('in' as const, 'notIn' as const),
    value: fc.subarray([true, false]),
  }),
  fc.record({
    fact: fc.constant('pay' as const),
    path: fc.constant('$.balanceFen'),
    operator: fc.constantFrom(...numeric),
    value: fc.constantFrom(0, 1, 5, 11),
  }),
  fc.record({
    fact: fc.constant('lifecycle' as const),
    path: fc.constant('$.state'),
    operator: fc.constantFrom('in' as const, 'notIn' as const),
    value: fc.subarray([...STATES]),
  }),
  fc.record({
    fact: fc.constant('lifecycle' as const),
    path: fc.constant('$.state'),
    operator: fc.constantFrom('equal' as const, 'notEqual' as const),
    value: fc.constantFrom(...STATES),
  }),
  fc.record({
    fact: fc.constant('authorizations' as const),
    path: fc.constant('$.wecom.names'),
    operator: fc.constantFrom('contains' as const, 'doesNotContain' as const),
    value: fc.constantFrom(...NAMES),
  }),
);

export const condition: fc.Arbitrary<Condition> = fc.letrec<{ node: Condition }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'condition' },
    comparison,
    fc.record({
      all: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
    }) as fc.Arbitrary<Condition>,
    fc.record({
      any: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
    }) as fc.Arbitrary<Condition>,
    fc.record({ not: tie('node') }) as fc.Arbitrary<Condition>,
  ),
})).node;

function read(point: Point, path: string): unknown {
  if (path === '$.enabled') return point.enabled;
  if (path === '$.balanceFen') return point.balance;
  if (path === '$.state') return point.state;
  return point.names;
}

export function holds(c: Condition, point: Point): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, point));
  if ('any' in c) return c.any.some((x) => holds(x, point));
  if ('not' in c) return !holds(c.not, point);
  const found = read(point, c.path) as never;
  const value = c.value as never;
  switch (c.operator) {
    case 'equal':
      return found === value;
    case 'notEqual':
      return found !== value;
    case 'lessThan':
      return found < value;
    case 'lessThanInclusive':
      return found <= value;
    case 'greaterThan':
      return found > value;
    case 'greaterThanInclusive':
      return found >= value;
    case 'in':
      return (value as unknown[]).includes(found);
    case 'notIn':
      return !(value as unknown[]).includes(found);
    case 'contains':
      return (found as unknown[]).includes(value);
    case 'doesNotContain':
      return !(found as unknown[]).includes(value);
  }
}
