import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../src/index.js';
import { copyRuleSet, repoRoot, snapshot } from './helpers.js';

const UNGUARDED = `    holdsWhen:
      fact: clock
      path: $.nowMs
      operator: greaterThanInclusive
      value:
        fact: lifecycle
        path: $.phoneReleasedAtMs
`;

describe('comparisons fail closed', () => {
  it('a number compared with a missing (null) value is false, not "greater than 0"', async () => {
    // Stock json-rules-engine says nowMs >= null is true (null becomes 0). Without the
    // "not cancelled" guard, that would release the phone of an account never cancelled.
    const text = await readFile(join(repoRoot, 'rules/phone-reuse.yaml'), 'utf8');
    const start = text.indexOf('    holdsWhen:\n      any:');
    const guarded = text.slice(start, text.indexOf('    reason:', start));
    expect(guarded).toContain('$.phoneReleasedAtMs');
    const dir = await copyRuleSet({
      edits: [{ file: 'phone-reuse.yaml', find: guarded, replace: UNGUARDED }],
    });

    const policy = await loadPolicy({ rules: dir });
    const result = await policy.evaluate(snapshot(), {
      now: '2026-11-24T00:00:00Z',
      explain: true,
    });
    expect(result.policies['phone-reuse'].reasons.map((r) => r.rule)).toEqual([
      'phone-reuse.account-cancelled',
      'phone-reuse.release-period-elapsed',
    ]);
    expect(
      result.explanation?.['phone-reuse']?.find(
        (e) => e.id === 'phone-reuse.release-period-elapsed',
      )?.condition,
    ).toMatchObject({ found: Date.parse('2026-11-24T00:00:00Z'), expected: null, result: false });
  });
});

describe('the compiled engine refuses what the loader refuses, even without the loader', () => {
  it('a condition over a fact missing from the facts throws (fails closed) rather than holding under not', async () => {
    const { compileCondition } = await import('../src/engine/compile-condition.js');
    const compiled = compileCondition({
      not: { fact: 'pay', path: '$.enabled', operator: 'equal', value: true },
    });
    expect(() => compiled.holds({} as never)).toThrow('undefined fact "pay"');
    expect(() =>
      compileCondition({ fact: 'nope' as never, path: '$.a', operator: 'equal', value: 1 }),
    ).toThrow('undefined fact "nope"');
    expect(() =>
      compileCondition({ fact: 'pay', path: '$..[?(@.constructor)]', operator: 'equal', value: 1 }),
    ).toThrow('refused path');
    expect(() =>
      compileCondition({
        fact: 'pay',
        path: '$.enabled',
        operator: 'constructor' as never,
        value: 1,
      }),
    ).toThrow('unknown operator');
  });

  it('a getter that throws inside a snapshot value is a diagnostic, not a crash', async () => {
    const policy = await loadPolicy();
    const hostile = { ...snapshot() } as Record<string, unknown>;
    Object.defineProperty(hostile, 'phone', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    await expect(policy.evaluate(hostile)).rejects.toMatchObject({
      diagnostics: [
        {
          code: 'schema',
          pointer: '/phone',
          message: 'the snapshot must be plain data: reading it failed: boom',
        },
      ],
    });
  });
});
