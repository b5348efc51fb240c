/**
 * The evaluation time and the cancellation lifecycle of SPEC §2, at millisecond boundaries.
 * Durations come from the shipped rules/parameters.yaml, read through `policy.ruleSet`.
 */
import { describe, expect, it } from 'vitest';
import {
  InvalidInputError,
  loadPolicy,
  type Diagnostic,
  type EvaluateOptions,
  type EvaluationResult,
} from '../src/index.js';
import { snapshot } from './helpers.js';

const policy = await loadPolicy();
const { coolingOffDays, phoneReleaseDays } = policy.ruleSet.parameters;

const DAY = 24 * 60 * 60 * 1000;
const REQUESTED = Date.parse('2026-11-01T00:00:00.000Z');
const COOLING_OFF_ENDS = REQUESTED + coolingOffDays * DAY;
const PHONE_RELEASED = COOLING_OFF_ENDS + phoneReleaseDays * DAY;

const iso = (ms: number): string => new Date(ms).toISOString();

/** An account that requested cancellation at REQUESTED, evaluated at `nowMs` (also its capturedAt). */
function evaluateAt(
  nowMs: number,
  firstLoginAtMs: number | null = null,
  options: EvaluateOptions = {},
): Promise<EvaluationResult> {
  const cancellation = {
    requestedAt: iso(REQUESTED),
    firstLoginAt: firstLoginAtMs === null ? null : iso(firstLoginAtMs),
  };
  return policy.evaluate(snapshot({ capturedAt: iso(nowMs), cancellation }), {
    now: iso(nowMs),
    ...options,
  });
}

async function rejection(promise: Promise<unknown>): Promise<Diagnostic | undefined> {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  return (error as InvalidInputError).diagnostics[0];
}

it('uses the parameters of rules/parameters.yaml: 15 days cooling-off, 30 days to release the phone', () => {
  expect(policy.ruleSet.parameters).toEqual({
    coolingOffDays: 15,
    phoneReleaseDays: 30,
    timeZone: 'Asia/Shanghai',
  });
  expect(iso(COOLING_OFF_ENDS)).toBe('2026-11-16T00:00:00.000Z');
  expect(iso(PHONE_RELEASED)).toBe('2026-12-16T00:00:00.000Z');
});

describe('cooling-off period [requestedAt, requestedAt + 15 d)', () => {
  it('starts at the request: cooling off with 15 days remaining', async () => {
    const { lifecycle } = await evaluateAt(REQUESTED);
    expect(lifecycle).toStrictEqual({
      state: 'cooling_off',
      data: 'scheduled_for_deletion',
      coolingOffEndsAt: iso(COOLING_OFF_ENDS),
      daysRemaining: coolingOffDays,
    });
  });

  it('still cools off in its last millisecond, with 1 day remaining', async () => {
    const { lifecycle } = await evaluateAt(COOLING_OFF_ENDS - 1);
    expect(lifecycle).toStrictEqual({
      state: 'cooling_off',
      data: 'scheduled_for_deletion',
      coolingOffEndsAt: iso(COOLING_OFF_ENDS),
      daysRemaining: 1,
    });
  });

  it('is cancelled exactly at its end: data deleted, phone released 30 days later', async () => {
    const { lifecycle } = await evaluateAt(COOLING_OFF_ENDS);
    expect(lifecycle).toStrictEqual({
      state: 'cancelled',
      data: 'deleted',
      coolingOffEndsAt: iso(COOLING_OFF_ENDS),
      phoneReleasedAt: iso(PHONE_RELEASED),
    });
  });

  it.each([
    { left: '15 d', leftMs: 15 * DAY, days: 15 },
    { left: '14 d + 1 ms', leftMs: 14 * DAY + 1, days: 15 },
    { left: '14 d', leftMs: 14 * DAY, days: 14 },
    { left: '1 d + 1 ms', leftMs: DAY + 1, days: 2 },
    { left: '1 d', leftMs: DAY, days: 1 },
    { left: '1 ms', leftMs: 1, days: 1 },
  ])('rounds $left left up to daysRemaining $days', async ({ leftMs, days }) => {
    const { lifecycle } = await evaluateAt(COOLING_OFF_ENDS - leftMs);
    expect(lifecycle.daysRemaining).toBe(days);
  });
});

describe('a login after the request', () => {
  it('withdraws the request when it falls in the last millisecond of the period', async () => {
    const result = await evaluateAt(COOLING_OFF_ENDS, COOLING_OFF_ENDS - 1);
    expect(result.lifecycle).toStrictEqual({ state: 'withdrawn', data: 'retained' });
  });

  it('withdraws the request when it comes 1 ms after it, and stays withdrawn long after', async () => {
    const result = await evaluateAt(PHONE_RELEASED + 100 * DAY, REQUESTED + 1);
    expect(result.lifecycle).toStrictEqual({ state: 'withdrawn', data: 'retained' });
    expect(result.policies['phone-reuse'].reasons.map((r) => r.rule)).toEqual([
      'phone-reuse.account-cancelled',
    ]);
  });

  it('is inconsistent exactly at the end of the period: a cancelled account cannot log in', async () => {
    const diagnostic = await rejection(evaluateAt(COOLING_OFF_ENDS + DAY, COOLING_OFF_ENDS));
    expect(diagnostic).toMatchObject({
      code: 'inconsistent-time',
      pointer: '/cancellation/firstLoginAt',
    });
    expect(diagnostic?.message).toContain('cooling-off');
  });

  it('is inconsistent at the very instant of the request', async () => {
    const diagnostic = await rejection(evaluateAt(REQUESTED + DAY, REQUESTED));
    expect(diagnostic).toMatchObject({
      code: 'inconsistent-time',
      pointer: '/cancellation/firstLoginAt',
    });
    expect(diagnostic?.message).toContain('must be after requestedAt');
  });
});

describe('phone release at coolingOffEndsAt + 30 d', () => {
  it('is not yet reached 1 ms before it', async () => {
    const result = await evaluateAt(PHONE_RELEASED - 1);
    expect(result.lifecycle.state).toBe('cancelled');
    expect(result.policies['phone-reuse'].outcome).toBe('fail');
    expect(result.policies['phone-reuse'].reasons.map((r) => r.rule)).toEqual([
      'phone-reuse.release-period-elapsed',
    ]);
  });

  it('is reached exactly at it', async () => {
    const result = await evaluateAt(PHONE_RELEASED);
    expect(result.policies['phone-reuse'].outcome).toBe('pass');
    expect(result.policies['phone-reuse'].reasons).toEqual([]);
    expect(result.policies['phone-reuse'].consequences.map((c) => c.id)).toEqual([
      'phone-reuse.register-new',
    ]);
  });
});

describe('lifecycle output fields', () => {
  it.each([
    { state: 'none', cancellation: null, expected: { state: 'none', data: 'retained' } },
    {
      state: 'withdrawn',
      cancellation: { requestedAt: '2026-11-20T00:00:00Z', firstLoginAt: '2026-11-21T00:00:00Z' },
      expected: { state: 'withdrawn', data: 'retained' },
    },
    {
      state: 'cooling_off',
      cancellation: { requestedAt: '2026-11-20T00:00:00Z', firstLoginAt: null },
      expected: {
        state: 'cooling_off',
        data: 'scheduled_for_deletion',
        coolingOffEndsAt: '2026-12-05T00:00:00.000Z',
        daysRemaining: 11,
      },
    },
    {
      state: 'cancelled',
      cancellation: { requestedAt: '2026-11-01T00:00:00Z', firstLoginAt: null },
      expected: {
        state: 'cancelled',
        data: 'deleted',
        coolingOffEndsAt: '2026-11-16T00:00:00.000Z',
        phoneReleasedAt: '2026-12-16T00:00:00.000Z',
      },
    },
  ])('are exactly those of SPEC §2 in state $state', async ({ cancellation, expected }) => {
    const { lifecycle } = await policy.evaluate(snapshot({ cancellation }));
    expect(lifecycle).toStrictEqual(expected);
  });
});

describe('evaluation time', () => {
  const coolingOff = snapshot({
    capturedAt: '2026-11-20T00:00:00Z',
    cancellation: { requestedAt: '2026-11-20T00:00:00Z', firstLoginAt: null },
  });

  it.each([
    { now: '2026-11-24T08:00:00+08:00', evaluatedAt: '2026-11-24T00:00:00.000Z' },
    { now: '2026-11-24T00:00:00Z', evaluatedAt: '2026-11-24T00:00:00.000Z' },
    { now: '2026-11-23T19:30:00.5-04:30', evaluatedAt: '2026-11-24T00:00:00.500Z' },
    { now: new Date('2026-11-24T00:00:00.007Z'), evaluatedAt: '2026-11-24T00:00:00.007Z' },
  ])('echoes now $now as evaluatedAt $evaluatedAt', async ({ now, evaluatedAt }) => {
    expect((await policy.evaluate(coolingOff, { now })).evaluatedAt).toBe(evaluatedAt);
  });

  it('defaults to capturedAt', async () => {
    const result = await policy.evaluate(
      snapshot({
        capturedAt: '2026-11-24T10:30:00.250+08:00',
        cancellation: { requestedAt: '2026-11-20T00:00:00Z', firstLoginAt: null },
      }),
    );
    expect(result.evaluatedAt).toBe('2026-11-24T02:30:00.250Z');
    expect(result.lifecycle.daysRemaining).toBe(11);
  });

  it('defaults to the current clock when there is no capturedAt', async () => {
    const { capturedAt: _, ...withoutCapturedAt } = snapshot();
    const before = Date.now();
    const result = await policy.evaluate(withoutCapturedAt);
    const after = Date.now();
    const evaluatedAt = Date.parse(result.evaluatedAt);
    expect(result.evaluatedAt).toBe(iso(evaluatedAt));
    expect(evaluatedAt).toBeGreaterThanOrEqual(before);
    expect(evaluatedAt).toBeLessThanOrEqual(after);
  });

  it('gives the same result for a +08:00 offset as for the same instant in Z', async () => {
    const withOffset = await policy.evaluate(coolingOff, { now: '2026-11-24T08:00:00+08:00' });
    const inUtc = await policy.evaluate(coolingOff, { now: '2026-11-24T00:00:00Z' });
    expect(withOffset).toStrictEqual(inUtc);
  });

  it('applies the period boundary to the instant, whatever the offset', async () => {
    // The period ends at 2026-12-05T00:00:00Z = 2026-12-05T08:00:00+08:00.
    expect(
      (await policy.evaluate(coolingOff, { now: '2026-12-05T07:59:59.999+08:00' })).lifecycle.state,
    ).toBe('cooling_off');
    expect(
      (await policy.evaluate(coolingOff, { now: '2026-12-05T08:00:00+08:00' })).lifecycle.state,
    ).toBe('cancelled');
  });

  it('makes the output byte-identical for the same snapshot, rules and now', async () => {
    const first = await policy.evaluate(coolingOff, { now: '2026-11-24T00:00:00Z', unbind: 'x' });
    const second = await policy.evaluate(coolingOff, { now: '2026-11-24T00:00:00Z', unbind: 'x' });
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});
