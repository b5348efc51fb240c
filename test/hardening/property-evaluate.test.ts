/**
 * Property-based tests of the evaluator (fast-check, fixed seed): it never throws anything but
 * InvalidInputError; every result is schema-valid and internally consistent; it is
 * deterministic; it obeys the metamorphic relations read from the source text; and it agrees
 * with an independent implementation of SPEC §2–§3 (test/reference-model.ts) on thousands of
 * generated snapshots and times, lifecycle boundaries ± 1 ms included.
 */
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy, type EvaluationResult, type Policy } from '../../src/index.js';
import { DAY_MS, referenceEvaluate } from '../reference-model.js';
import {
  caseArbitrary,
  COOLING_OFF_MS,
  formatTime,
  junkArbitrary,
  RELEASE_MS,
  SEED,
  T0,
  type Case,
} from './arbitraries.js';
import { decisionOf, expectValidResult, PARAMETERS, settle } from './support.js';

let policy: Policy;
beforeAll(async () => {
  policy = await loadPolicy();
});

const run = (c: Case, path: 'value' | 'json' | 'yaml' = 'value'): Promise<EvaluationResult> => {
  const options = { now: c.now, unbind: c.unbind };
  if (path === 'json')
    return policy.evaluateText(JSON.stringify(c.snapshot), { ...options, format: 'json' });
  if (path === 'yaml')
    return policy.evaluateText(toYaml(c.snapshot, { version: '1.2' }), {
      ...options,
      format: 'yaml',
    });
  return policy.evaluate(c.snapshot, options);
};

const params = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: true });

describe('the evaluator never throws anything but InvalidInputError', () => {
  it('on generated snapshots, valid and broken (a result is schema-valid; pass ⇔ no reasons; consequences only on pass)', async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary({ breakRate: 0.3 }), async (c) => {
        const settled = await settle(() => run(c));
        if (settled.kind === 'result') expectValidResult(settled.result);
        if (c.broken) expect(settled.kind, c.broken).toBe('invalid');
      }),
      params(4000),
    );
  });

  it('on anything at all passed as a snapshot, with any options', async () => {
    const options = fc.record({
      now: fc.option(
        fc.oneof(
          fc.string(),
          fc.constantFrom('2026-11-24T00:00:00Z', '9999-12-31T23:59:59.999-23:59', 'not a time'),
        ),
        { nil: undefined },
      ),
      unbind: fc.option(fc.string(), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(junkArbitrary, options, async (junk, opts) => {
        const settled = await settle(() => policy.evaluate(junk, opts));
        if (settled.kind === 'result') expectValidResult(settled.result);
      }),
      params(3000),
    );
  });

  it('on arbitrary and mutated JSON/YAML text', async () => {
    const texts = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      caseArbitrary().chain((c) => {
        const json = JSON.stringify(c.snapshot);
        return fc
          .tuple(fc.nat({ max: json.length }), fc.nat({ max: 20 }), fc.string({ maxLength: 6 }))
          .map(([at, cut, insert]) => json.slice(0, at) + insert + json.slice(at + cut));
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        texts,
        fc.constantFrom<'json' | 'yaml'>('json', 'yaml'),
        async (text, format) => {
          const settled = await settle(() =>
            policy.evaluateText(text, { format, now: '2026-11-24T00:00:00Z' }),
          );
          if (settled.kind === 'result') expectValidResult(settled.result);
        },
      ),
      params(4000),
    );
  });
});

describe('differential: the same decisions as an independent implementation of SPEC §2–§3', () => {
  it('uses the parameters the reference model assumes (15 days from §5.1, 30 days decided by compliance)', () => {
    expect(policy.ruleSet.parameters).toEqual(PARAMETERS);
  });

  it('over thousands of generated snapshots and times, boundaries ± 1 ms included', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(caseArbitrary(), async (c) => {
        const expected = referenceEvaluate(
          c.snapshot,
          { now: c.now, unbind: c.unbind },
          PARAMETERS,
        );
        const settled = await settle(() => run(c));
        if (expected.kind === 'invalid') {
          expect(settled.kind, `reference refused: ${expected.why}`).toBe('invalid');
          seen.add(`invalid`);
          return;
        }
        expect(settled.kind, settled.kind === 'invalid' ? settled.error.message : '').toBe(
          'result',
        );
        if (settled.kind !== 'result') return;
        const { kind: _kind, ...decision } = expected;
        expect(decisionOf(settled.result)).toEqual(decision);
        expect(Object.keys(settled.result.policies)).toEqual(Object.keys(decision.policies));
        seen.add(decision.lifecycle.state);
        for (const [name, p] of Object.entries(decision.policies)) seen.add(`${name}:${p.outcome}`);
      }),
      params(20000),
    );
    // The generator really reaches every state and both outcomes of every policy.
    expect([...seen].sort()).toEqual(
      [
        'cancel:fail',
        'cancel:pass',
        'cancelled',
        'cooling_off',
        'invalid',
        'none',
        'phone-reuse:fail',
        'phone-reuse:pass',
        'unbind:fail',
        'unbind:pass',
        'withdraw:fail',
        'withdraw:pass',
        'withdrawn',
      ].sort(),
    );
  }, 60_000);

  const boundaries: Array<[string, number, string]> = [
    ['requestedAt + 15 d − 1 ms', COOLING_OFF_MS - 1, 'cooling_off'],
    ['requestedAt + 15 d', COOLING_OFF_MS, 'cancelled'],
    ['requestedAt + 15 d + 1 ms', COOLING_OFF_MS + 1, 'cancelled'],
    ['phone release − 1 ms', RELEASE_MS - 1, 'cancelled'],
    ['phone release', RELEASE_MS, 'cancelled'],
    ['phone release + 1 ms', RELEASE_MS + 1, 'cancelled'],
    ['requestedAt itself', 0, 'cooling_off'],
  ];
  it.each(boundaries)(
    'at %s, in every zone offset, matches the reference (%s)',
    async (_name, delta, state) => {
      for (const offset of [0, 480, -1439, 1439, -300]) {
        const requestedAt = formatTime(T0 - delta, offset, 3);
        const now = formatTime(T0, -offset, 6);
        const c: Case = {
          snapshot: {
            accountId: 'wxid_edge',
            phone: '1',
            pay: {
              enabled: false,
              balanceFen: 0,
              pendingTransactions: 0,
              pendingRefunds: 0,
              bankCards: [],
            },
            authorizations: [],
            cancellation: { requestedAt, firstLoginAt: null },
          },
          now,
          unbind: undefined,
          broken: undefined,
        };
        const result = await run(c);
        const expected = referenceEvaluate(c.snapshot, { now }, PARAMETERS);
        expect(expected.kind).toBe('result');
        if (expected.kind !== 'result') return;
        expect(result.lifecycle.state).toBe(state);
        expect(decisionOf(result)).toEqual({
          accountId: expected.accountId,
          evaluatedAt: expected.evaluatedAt,
          lifecycle: expected.lifecycle,
          policies: expected.policies,
        });
      }
    },
  );

  it('pins the boundary outcomes themselves (not only agreement)', async () => {
    const at = async (delta: number) =>
      run({
        snapshot: {
          accountId: 'e',
          phone: '1',
          pay: {
            enabled: false,
            balanceFen: 0,
            pendingTransactions: 0,
            pendingRefunds: 0,
            bankCards: [],
          },
          authorizations: [],
          cancellation: { requestedAt: formatTime(T0 - delta, 0, 3), firstLoginAt: null },
        },
        now: formatTime(T0, 0, 3),
        unbind: undefined,
        broken: undefined,
      });
    expect((await at(COOLING_OFF_MS - 1)).lifecycle).toMatchObject({
      state: 'cooling_off',
      daysRemaining: 1,
    });
    expect((await at(COOLING_OFF_MS - DAY_MS)).lifecycle).toMatchObject({
      state: 'cooling_off',
      daysRemaining: 1,
    });
    expect((await at(COOLING_OFF_MS - DAY_MS - 1)).lifecycle).toMatchObject({
      state: 'cooling_off',
      daysRemaining: 2,
    });
    expect((await at(RELEASE_MS - 1)).policies['phone-reuse'].reasons.map((r) => r.rule)).toEqual([
      'phone-reuse.release-period-elapsed',
    ]);
    expect((await at(RELEASE_MS)).policies['phone-reuse'].outcome).toBe('pass');
  });
});

describe('determinism: same snapshot, rules and time ⇒ byte-identical JSON', () => {
  it('twice in a row, and as a value, as JSON text and as YAML text', async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary({ breakRate: 0 }), async (c) => {
        const first = await settle(() => run(c));
        if (first.kind !== 'result') return;
        const bytes = JSON.stringify(first.result);
        expect(JSON.stringify(await run(c))).toBe(bytes);
        expect(JSON.stringify(await run(c, 'json'))).toBe(bytes);
        expect(JSON.stringify(await run(c, 'yaml'))).toBe(bytes);
      }),
      params(1500),
    );
  });

  it('whatever order the keys are written in', async () => {
    const shuffled = (value: unknown, seed: number): unknown => {
      if (Array.isArray(value)) return value.map((v) => shuffled(v, seed));
      if (value === null || typeof value !== 'object') return value;
      const entries = Object.entries(value).map(([k, v]) => [k, shuffled(v, seed)] as const);
      entries.sort(
        (a, b) =>
          ((a[0].length * 31 + seed) % 7) - ((b[0].length * 31 + seed) % 7) ||
          (a[0] < b[0] ? 1 : -1),
      );
      const out: Record<string, unknown> = {};
      for (const [k, v] of entries)
        Object.defineProperty(out, k, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return out;
    };
    await fc.assert(
      fc.asyncProperty(caseArbitrary({ breakRate: 0 }), fc.nat(), async (c, seed) => {
        const first = await settle(() => run(c));
        if (first.kind !== 'result') return;
        expect(
          JSON.stringify(
            await run({ ...c, snapshot: shuffled(c.snapshot, seed) as Case['snapshot'] }, 'json'),
          ),
        ).toBe(JSON.stringify(first.result));
      }),
      params(1500),
    );
  });

  it('concurrently: 200 evaluations at once give what they give one at a time', async () => {
    const cases = fc.sample(caseArbitrary({ breakRate: 0 }), { seed: SEED, numRuns: 200 });
    const sequential: string[] = [];
    for (const c of cases) sequential.push(JSON.stringify(await settle(() => run(c))));
    const concurrent = await Promise.all(
      cases.map(async (c) => JSON.stringify(await settle(() => run(c)))),
    );
    expect(concurrent).toEqual(sequential);
  });
});

/** Only cases that evaluate; the relation is checked on the result. */
async function evaluated(c: Case): Promise<EvaluationResult | undefined> {
  const settled = await settle(() => run(c));
  return settled.kind === 'result' ? settled.result : undefined;
}

const clone = <T>(value: T): T => structuredClone(value);

describe('metamorphic relations from the source text', () => {
  const valid = caseArbitrary({ breakRate: 0 });

  it('adding a bank card never changes cancel (§2.2: cards do not block cancellation)', async () => {
    await fc.assert(
      fc.asyncProperty(
        valid,
        fc.record({ bank: fc.option(fc.string({ minLength: 1 }), { nil: undefined }) }),
        async (c, card) => {
          const before = await evaluated(c);
          if (!before) return;
          const more = clone(c);
          more.snapshot.pay.bankCards.push({
            id: 'card-added',
            ...(card.bank ? { bank: card.bank } : {}),
          });
          const after = await evaluated(more);
          expect(after?.policies.cancel).toEqual(before.policies.cancel);
        },
      ),
      params(1500),
    );
  });

  it('changing Pay or the balance never changes unbind (§2: unbinding has no global preconditions)', async () => {
    const payChange = fc.record({
      enabled: fc.boolean(),
      balanceFen: fc.nat(),
      pendingTransactions: fc.nat(),
      pendingRefunds: fc.nat(),
    });
    await fc.assert(
      fc.asyncProperty(
        valid,
        payChange,
        fc.constantFrom('card-1', 'auth-1', 'nowhere'),
        async (c, pay, target) => {
          const before = await evaluated({ ...c, unbind: target });
          if (!before) return;
          const changed = clone(c);
          Object.assign(changed.snapshot.pay, pay);
          const after = await evaluated({ ...changed, unbind: target });
          expect(after?.policies.unbind).toEqual(before.policies.unbind);
        },
      ),
      params(1500),
    );
  });

  it('raising the balance of an account that may cancel makes cancel fail with exactly cancel.balance-zero', async () => {
    await fc.assert(
      fc.asyncProperty(
        valid,
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        async (c, raise) => {
          const eligible = clone(c);
          Object.assign(eligible.snapshot.pay, {
            enabled: false,
            balanceFen: 0,
            pendingTransactions: 0,
            pendingRefunds: 0,
          });
          eligible.snapshot.authorizations = [];
          eligible.snapshot.cancellation = null;
          const before = await evaluated(eligible);
          if (!before) return;
          expect(before.policies.cancel.outcome).toBe('pass');
          eligible.snapshot.pay.balanceFen = raise;
          const after = await evaluated(eligible);
          expect(after?.policies.cancel.reasons.map((r) => r.rule)).toEqual([
            'cancel.balance-zero',
          ]);
        },
      ),
      params(1500),
    );
  });

  it('a login inside cooling-off moves the state to withdrawn (§5.1)', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(valid, fc.double({ min: 0, max: 1, noNaN: true }), async (c, where) => {
        const before = await evaluated(c);
        if (before?.lifecycle.state !== 'cooling_off') return;
        const requested = Date.parse(before.lifecycle.coolingOffEndsAt as string) - COOLING_OFF_MS;
        const now = Date.parse(before.evaluatedAt);
        if (now - requested < 1) return; // no instant after the request yet
        const login = requested + 1 + Math.floor(where * (now - requested - 1));
        const withLogin = clone(c);
        withLogin.snapshot.cancellation.firstLoginAt = formatTime(login, 0, 3);
        const after = await evaluated(withLogin);
        expect(after?.lifecycle).toEqual({ state: 'withdrawn', data: 'retained' });
        checked++;
      }),
      params(2000),
    );
    expect(checked).toBeGreaterThan(20);
  });

  it('moving now forward never un-cancels an account (§1.2, §5.2: final and unrecoverable)', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(valid, fc.integer({ min: 0, max: 3650 * DAY_MS }), async (c, forward) => {
        const before = await evaluated(c);
        if (before?.lifecycle.state !== 'cancelled') return;
        const later = formatTime(Date.parse(before.evaluatedAt) + forward, 0, 3);
        const after = await evaluated({ ...c, now: later });
        if (!after) return; // e.g. past year 9999: refused, never un-cancelled
        expect(after.lifecycle.state).toBe('cancelled');
        expect(after.policies.withdraw.outcome).toBe('fail');
        checked++;
      }),
      params(2000),
    );
    expect(checked).toBeGreaterThan(20);
  });
});
