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
import { condition, GRID, holds } from './conditions.js';

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
    // Red-team finds: a list that must hold nine names can (a proof over the first eight
    // subsets said "never"); past 12 items no proof is tried; and the prover's own stand-in for
    // "another string" must not be a value a rule can name.
    const names = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        fact: 'pay',
        path: '$.bankCards.names',
        operator: 'contains',
        value: String.fromCharCode(97 + i),
      })) as Condition[];
    expect(proveCondition({ all: names(9) as [Condition, ...Condition[]] })).toBe('depends');
    expect(
      proveCondition({ any: names(9).map((c) => ({ not: c })) as [Condition, ...Condition[]] }),
    ).toBe('depends');
    expect(proveCondition({ all: names(13) as [Condition, ...Condition[]] })).toBe('depends');
    expect(
      proveCondition({ fact: 'account', path: '$.id', operator: 'equal', value: '\u0000other' }),
    ).toBe('depends');
    expect(
      proveCondition({ fact: 'account', path: '$.id', operator: 'notEqual', value: '\u0000other' }),
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
