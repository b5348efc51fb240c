/**
 * Attacks through the rule files: JSONPath script filters (jsonpath-plus evaluates them), paths
 * into the prototype chain, unknown operators, and conditions that could hold without looking
 * at anything. The loader refuses each with its code; and should a rule set reach the evaluator
 * without the loader (createPolicy with a hand-made RuleSet), evaluation fails closed: it
 * rejects or the rule fails — a policy never passes, and no payload runs.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createPolicy,
  loadPolicy,
  loadRuleSet,
  type DiagnosticCode,
  type Policy,
  type RuleSet,
} from '../../src/index.js';
import type { Condition } from '../../src/rules/rule-set.js';
import { compileCondition } from '../../src/engine/compile-condition.js';
import { copyRuleSet, snapshot } from '../helpers.js';
import { expectPrototypeClean, prototypeSnapshot } from './support.js';

const MARKER = '__accountPolicyPwned';
const globals = globalThis as Record<string, unknown>;

/** jsonpath-plus filter payloads; each would set globalThis.__accountPolicyPwned if it ran. */
const PAYLOADS = [
  `$..[?(@.constructor.constructor('globalThis.${MARKER} = 1')())]`,
  `$..[?(@[['constructor']][['constructor']]('globalThis.${MARKER} = 2')())]`,
  `$..[?(p="globalThis.${MARKER} = 3";a=''[['constructor']][['constructor']](p);a())]`,
  `$[?(@property === 'balanceFen' && (globalThis.${MARKER} = 4))]`,
];
const NOT_PLAIN = [
  '$..balanceFen',
  '$.*',
  "$['balanceFen']",
  '$.bankCards.names[0]',
  '$',
  '$.balanceFen.',
  '$.a-b',
  'balanceFen',
];

let cleanPrototype: string[];
let shipped: Policy;
beforeAll(async () => {
  cleanPrototype = prototypeSnapshot();
  shipped = await loadPolicy();
});
afterEach(() => {
  expect(globals[MARKER]).toBeUndefined();
  expectPrototypeClean(cleanPrototype);
});

async function loadWith(
  find: string,
  replace: string,
  file = 'cancel.yaml',
): Promise<DiagnosticCode[]> {
  const dir = await copyRuleSet({ edits: [{ file, find, replace }] });
  const outcome = await loadRuleSet(dir);
  expect(outcome.ok).toBe(false);
  return outcome.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
}

describe('the loader refuses', () => {
  it.each([...PAYLOADS, ...NOT_PLAIN])('path %s (unsafe-path), and nothing runs', async (path) => {
    expect(await loadWith('path: $.balanceFen', `path: ${JSON.stringify(path)}`)).toContain(
      'unsafe-path',
    );
  });

  it.each([
    '$.constructor',
    '$.__proto__',
    '$.toString',
    '$.balanceFen.constructor',
    '$.hasOwnProperty',
  ])('path %s into the prototype chain (unknown-fact-path)', async (path) => {
    expect(await loadWith('path: $.balanceFen', `path: ${path}`)).toEqual(['unknown-fact-path']);
  });

  it.each(['notAmong', 'constructor', '__proto__', 'toString', 'regex', 'EQUAL'])(
    'operator %s (unknown-operator)',
    async (operator) => {
      expect(
        await loadWith(
          '      path: $.balanceFen\n      operator: equal',
          `      path: $.balanceFen\n      operator: ${JSON.stringify(operator)}`,
        ),
      ).toEqual(['unknown-operator']);
    },
  );

  it.each([
    [
      'an empty all',
      '    holdsWhen:\n      fact: pay\n      path: $.balanceFen\n      operator: equal\n      value: 0\n',
      '    holdsWhen:\n      all: []\n',
      'empty-condition',
    ],
    [
      'an empty any',
      '    holdsWhen:\n      fact: pay\n      path: $.balanceFen\n      operator: equal\n      value: 0\n',
      '    holdsWhen:\n      any: []\n',
      'empty-condition',
    ],
    [
      'not over a missing fact',
      '    holdsWhen:\n      fact: pay\n      path: $.balanceFen\n      operator: equal\n      value: 0\n',
      '    holdsWhen:\n      not:\n        fact: wallet\n        path: $.balanceFen\n        operator: greaterThan\n        value: 0\n',
      'unknown-fact-path',
    ],
    [
      'not over a missing path',
      '    holdsWhen:\n      fact: pay\n      path: $.balanceFen\n      operator: equal\n      value: 0\n',
      '    holdsWhen:\n      not:\n        fact: pay\n        path: $.balanceCents\n        operator: greaterThan\n        value: 0\n',
      'unknown-fact-path',
    ],
    [
      'a rule with no condition',
      '    holdsWhen:\n      fact: pay\n      path: $.balanceFen\n      operator: equal\n      value: 0\n',
      '',
      'schema',
    ],
  ] as const)('%s (%s)', async (_name, find, replace, code) => {
    expect(await loadWith(find, replace)).toContain(code);
  });

  it('__proto__ and constructor keys in a rule file (schema), without pollution', async () => {
    expect(
      await loadWith(
        '    holdsWhen:\n      fact: pay\n      path: $.balanceFen',
        '    __proto__: {polluted: true}\n    holdsWhen:\n      fact: pay\n      path: $.balanceFen',
      ),
    ).toContain('schema');
    expect(
      await loadWith(
        'policy: cancel',
        'policy: cancel\nconstructor: {prototype: {polluted: true}}',
      ),
    ).toContain('schema');
  });

  it('YAML tricks in a rule file: %YAML 1.1, tags, merge keys, alias bombs', async () => {
    const dir = await copyRuleSet();
    for (const [find, replace] of [
      ['policy: cancel', '%YAML 1.1\n---\npolicy: cancel'],
      ['policy: cancel', 'policy: !!str cancel'],
      [
        'policy: cancel',
        'policy: cancel\nx: &a [1,1,1,1,1,1,1,1]\ny: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nz: [*b,*b,*b,*b,*b,*b,*b,*b]',
      ],
    ]) {
      const edited = await copyRuleSet({
        into: `${dir}-${Math.random().toString(36).slice(2)}`,
        edits: [{ file: 'cancel.yaml', find: find as string, replace: replace as string }],
      });
      const outcome = await loadRuleSet(edited);
      expect(outcome.ok, replace).toBe(false);
      expect(outcome.diagnostics.map((d) => d.code)).toContain('unsupported-yaml');
    }
  });
});

/** The shipped rule set with the condition of one rule replaced, bypassing every load-time check. */
/**
 * A rule set with one rule replaced, as a caller could build it without the loader. The compiled
 * engine compiles conditions itself and refuses what the loader would refuse: then there is no
 * compiled policy at all (`compiled: undefined`), which is failing closed.
 */
function handMade(
  ruleId: string,
  holdsWhen: unknown,
): { reference: Policy; compiled: Policy | undefined } {
  const condition = holdsWhen as Condition;
  let compiled: ReturnType<typeof compileCondition> | undefined;
  try {
    compiled = compileCondition(condition);
  } catch {
    compiled = undefined;
  }
  const withRule = (rule: (typeof shipped.ruleSet.policies)[number]['rules'][number]) =>
    rule.id === ruleId
      ? {
          ...rule,
          holdsWhen: condition,
          compiled: compiled ?? {
            holds: () => {
              throw new Error('not compiled');
            },
            trace: () => {
              throw new Error('not compiled');
            },
          },
        }
      : rule;
  const policies = shipped.ruleSet.policies.map((policy) => ({
    ...policy,
    rules: policy.rules.map(withRule),
  }));
  const policy = createPolicy({ ...shipped.ruleSet, policies } as RuleSet);
  return { reference: policy, compiled: compiled ? policy : undefined };
}

/** Evaluating an account that passes cancel under the real rules: the bad rule must not let it pass, in either engine. */
async function expectFailClosed(made: {
  reference: Policy;
  compiled: Policy | undefined;
}): Promise<void> {
  expect((await shipped.evaluate(snapshot())).policies.cancel.outcome).toBe('pass');
  for (const engine of ['reference', 'compiled'] as const) {
    const policy = made[engine];
    if (!policy) continue; // the compiled engine refused to compile the rule: failed closed
    const settled = await policy.evaluate(snapshot(), { engine }).then(
      (result) => ({
        outcome: result.policies.cancel.outcome,
        reasons: result.policies.cancel.reasons.map((r) => r.rule),
      }),
      () => ({ outcome: 'rejected', reasons: [] as string[] }),
    );
    expect(['fail', 'rejected'], `${engine}: ${JSON.stringify(settled)}`).toContain(
      settled.outcome,
    );
    if (settled.outcome === 'fail')
      expect(settled.reasons, engine).toContain('cancel.balance-zero');
  }
}

describe('a rule set that bypassed the loader still fails closed, in both engines', () => {
  it.each([...PAYLOADS, '$..balanceFen'])(
    'a script or recursive path %s is never handed to jsonpath-plus',
    async (path) => {
      // As written (jsonpath-plus would read 0 and let it hold), and negated (a path that reads
      // nothing would make `not` hold): with the plain resolver neither may let the policy pass.
      await expectFailClosed(
        handMade('cancel.balance-zero', { fact: 'pay', path, operator: 'equal', value: 0 }),
      );
      await expectFailClosed(
        handMade('cancel.balance-zero', {
          not: { fact: 'pay', path, operator: 'notEqual', value: 0 },
        }),
      );
    },
  );

  it('an operator the engine does not have', async () => {
    for (const operator of ['notAmong', 'constructor', 'toString', '__proto__']) {
      await expectFailClosed(
        handMade('cancel.balance-zero', { fact: 'pay', path: '$.balanceFen', operator, value: 0 }),
      );
    }
  });

  it('not over a missing fact', async () => {
    await expectFailClosed(
      handMade('cancel.balance-zero', {
        not: { fact: 'wallet', path: '$.balanceFen', operator: 'greaterThan', value: 0 },
      }),
    );
  });

  it('a numeric comparison with a string or null never holds ("5" < 10 and now ≥ null are false)', async () => {
    for (const value of ['1', null, true, '']) {
      await expectFailClosed(
        handMade('cancel.balance-zero', {
          fact: 'pay',
          path: '$.balanceFen',
          operator: 'lessThan',
          value,
        }),
      );
      await expectFailClosed(
        handMade('cancel.balance-zero', {
          fact: 'pay',
          path: '$.balanceYuan',
          operator: 'lessThanInclusive',
          value: 1,
        }),
      );
    }
  });
});
