/**
 * The prover (src/rules/prove-condition.ts) against brute force: random conditions over four
 * independent fact paths, and every combination of a grid of values that contains every class
 * the prover reasons about. Over independent paths the prover is exact, so its verdict must be
 * what the grid shows: "always" only if every point holds, "never" only if none does, and
 * "depends" only if some point holds and some does not. The grid is evaluated with plain
 * JavaScript written here, not with the engine's operators.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition } from '../src/generated/policy-file.js';
import { proveCondition } from '../src/rules/prove-condition.js';

const STATES = ['none', 'withdrawn', 'cooling_off', 'cancelled'] as const;
const NAMES = ['Alpha', 'Beta'];

interface Point {
  enabled: boolean;
  balance: number;
  state: string;
  names: string[];
}

const GRID: Point[] = [];
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

const condition: fc.Arbitrary<Condition> = fc.letrec<{ node: Condition }>((tie) => ({
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

function holds(c: Condition, point: Point): boolean {
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

describe('proveCondition agrees with brute force', () => {
  it('on 2,000 random conditions over independent paths', () => {
    fc.assert(
      fc.property(condition, (c) => {
        const results = GRID.map((point) => holds(c, point));
        const expected = results.every(Boolean)
          ? 'always'
          : results.some(Boolean)
            ? 'depends'
            : 'never';
        expect(proveCondition(c)).toBe(expected);
      }),
      { numRuns: 2000, seed: 20261203 },
    );
  });

  it('on the shapes a careless editor writes', () => {
    const enabled = { fact: 'pay', path: '$.enabled' } as const;
    const balance = { fact: 'pay', path: '$.balanceFen' } as const;
    expect(proveCondition({ ...enabled, operator: 'notIn', value: [] })).toBe('always');
    expect(proveCondition({ ...enabled, operator: 'in', value: [] })).toBe('never');
    expect(proveCondition({ ...enabled, operator: 'in', value: [true, false] })).toBe('always');
    expect(proveCondition({ ...balance, operator: 'greaterThanInclusive', value: 0 })).toBe(
      'always',
    );
    expect(proveCondition({ ...balance, operator: 'lessThan', value: 0 })).toBe('never');
    const x = { ...balance, operator: 'equal', value: 0 } as const;
    expect(proveCondition({ any: [x, { not: x }] })).toBe('always');
    expect(proveCondition({ all: [x, { not: x }] })).toBe('never');
    expect(proveCondition(x)).toBe('depends');
    // A nullable fact: daysRemaining is null unless cooling off, and null compares false.
    expect(
      proveCondition({
        fact: 'lifecycle',
        path: '$.daysRemaining',
        operator: 'greaterThanInclusive',
        value: -5,
      }),
    ).toBe('depends');
    // A comparison with another fact is unknown: no proof either way.
    expect(
      proveCondition({
        fact: 'clock',
        path: '$.nowMs',
        operator: 'greaterThanInclusive',
        value: { fact: 'lifecycle', path: '$.phoneReleasedAtMs' },
      }),
    ).toBe('depends');
  });
});
