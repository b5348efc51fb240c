import { describe, expect, it } from 'vitest';
import { loadPolicy, type EvaluationResult } from '../src/index.js';
import { publishedSchema, runCli, snapshot } from './helpers.js';

const NOW = '2026-11-24T00:00:00Z';

type Explanation = NonNullable<EvaluationResult['explanation']>;

function traceOf(explanation: Explanation | undefined, policy: keyof Explanation, id: string) {
  return explanation?.[policy]?.find((entry) => entry.id === id);
}

describe('evaluate --explain', () => {
  it('traces both comparisons of an all, although json-rules-engine stops at the first false', async () => {
    const policy = await loadPolicy();
    const result = await policy.evaluate(
      snapshot({ authorizations: [{ id: 'a1', kind: 'app', name: '美团' }] }),
      { now: NOW, explain: true },
    );
    expect(traceOf(result.explanation, 'cancel', 'cancel.third-party-revoked')).toEqual({
      id: 'cancel.third-party-revoked',
      kind: 'rule',
      holds: false,
      condition: {
        all: [
          {
            fact: 'authorizations',
            path: '$.app.count',
            found: 1,
            operator: 'equal',
            expected: 0,
            result: false,
          },
          {
            fact: 'authorizations',
            path: '$.mini_program.count',
            found: 0,
            operator: 'equal',
            expected: 0,
            result: true,
          },
        ],
        result: false,
      },
    });
  });

  it('traces both comparisons of an any, although json-rules-engine stops at the first true, with the fact a value came from', async () => {
    const policy = await loadPolicy();
    const result = await policy.evaluate(snapshot(), { now: NOW, explain: true });
    expect(
      traceOf(result.explanation, 'phone-reuse', 'phone-reuse.release-period-elapsed')?.condition,
    ).toEqual({
      any: [
        {
          fact: 'lifecycle',
          path: '$.state',
          found: 'none',
          operator: 'notEqual',
          expected: 'cancelled',
          result: true,
        },
        {
          fact: 'clock',
          path: '$.nowMs',
          found: Date.parse(NOW),
          operator: 'greaterThanInclusive',
          expected: null,
          expectedFrom: { fact: 'lifecycle', path: '$.phoneReleasedAtMs' },
          result: false,
        },
      ],
      result: true,
    });
  });

  it('explains every rule of every policy, agreeing with the reasons, and consequences with a condition', async () => {
    const policy = await loadPolicy();
    const result = await policy.evaluate(snapshot({ pay: { balanceFen: 5 } }), {
      now: NOW,
      explain: true,
      unbind: 'nope',
    });
    for (const definition of policy.ruleSet.policies) {
      const explained = result.explanation?.[definition.name] ?? [];
      expect(explained.filter((e) => e.kind === 'rule').map((e) => e.id)).toEqual(
        definition.rules.map((r) => r.id),
      );
      const failing = result.policies[definition.name]?.reasons.map((r) => r.rule);
      expect(explained.filter((e) => e.kind === 'rule' && !e.holds).map((e) => e.id)).toEqual(
        failing,
      );
    }
    expect(
      result.explanation?.unbind?.filter((e) => e.kind === 'consequence').map((e) => e.id),
    ).toEqual(['unbind.other-cards-usable']);
  });

  it('adds nothing without explain, and validates against the result schema with it', async () => {
    const policy = await loadPolicy();
    const plain = await policy.evaluate(snapshot(), { now: NOW });
    expect(plain).not.toHaveProperty('explanation');
    const validate = publishedSchema('evaluation-result');
    const explained = await policy.evaluate(
      snapshot({ cancellation: { requestedAt: '2026-11-01T00:00:00Z', firstLoginAt: null } }),
      { now: NOW, explain: true, unbind: 'x' },
    );
    expect(validate(explained), JSON.stringify(validate.errors)).toBe(true);
    const { explanation, ...rest } = explained;
    expect(rest).toEqual(
      await policy.evaluate(
        snapshot({ cancellation: { requestedAt: '2026-11-01T00:00:00Z', firstLoginAt: null } }),
        { now: NOW, unbind: 'x' },
      ),
    );
    expect(explanation).toBeDefined();
  });

  it('prints the trace in text and JSON from the CLI', async () => {
    const text = await runCli(['evaluate', 'examples/blocked.yaml', '--explain', '--lang', 'en']);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(
      [
        '      ✗ cancel.third-party-revoked',
        '          ✗ all of:',
        '              ✗ authorizations $.app.count = 1 · equal 0',
        '              ✗ authorizations $.mini_program.count = 1 · equal 0',
        '      ✓ cancel.official-account-admin-released: authorizations $.official_account_admin.count = 0 · equal 0',
      ].join('\n'),
    );
    const json = await runCli([
      'evaluate',
      'examples/blocked.yaml',
      '--explain',
      '--format',
      'json',
    ]);
    const result = JSON.parse(json.stdout);
    expect(traceOf(result.explanation, 'cancel', 'cancel.balance-zero')?.condition).toEqual({
      fact: 'pay',
      path: '$.balanceFen',
      found: 1250,
      operator: 'equal',
      expected: 0,
      result: false,
    });
  });
});
