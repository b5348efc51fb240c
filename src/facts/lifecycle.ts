/** The cancellation lifecycle of SPEC §2, at one evaluation time. */
import type { Cancellation } from '../generated/account-snapshot.js';
import type { Facts } from '../generated/facts.js';
import { DAY_MS, epochMs } from './time.js';

export type LifecycleState = Facts['lifecycle']['state'];
export type DataState = Facts['lifecycle']['data'];

export interface Lifecycle {
  state: LifecycleState;
  data: DataState;
  requestedAtMs: number | null;
  /** requestedAt + coolingOffDays; the period is [requestedAt, coolingOffEndsAt). */
  coolingOffEndsAtMs: number | null;
  /** ceil((coolingOffEndsAt − now) / 24 h), only in cooling_off. */
  daysRemaining: number | null;
  /** coolingOffEndsAt + phoneReleaseDays, only in cancelled. */
  phoneReleasedAtMs: number | null;
}

export interface LifecycleParameters {
  coolingOffDays: number;
  phoneReleaseDays: number;
}

const DATA: Record<LifecycleState, DataState> = {
  none: 'retained',
  withdrawn: 'retained',
  cooling_off: 'scheduled_for_deletion',
  cancelled: 'deleted',
};

export function coolingOffEndsAtMs(requestedAtMs: number, parameters: LifecycleParameters): number {
  return requestedAtMs + parameters.coolingOffDays * DAY_MS;
}

export function lifecycleAt(
  cancellation: Cancellation | null,
  nowMs: number,
  parameters: LifecycleParameters,
): Lifecycle {
  if (cancellation === null) {
    return {
      state: 'none',
      data: DATA.none,
      requestedAtMs: null,
      coolingOffEndsAtMs: null,
      daysRemaining: null,
      phoneReleasedAtMs: null,
    };
  }
  const requestedAtMs = epochMs(cancellation.requestedAt);
  const endsAtMs = coolingOffEndsAtMs(requestedAtMs, parameters);
  const base = {
    requestedAtMs,
    coolingOffEndsAtMs: endsAtMs,
    daysRemaining: null,
    phoneReleasedAtMs: null,
  };
  // A login inside the period withdraws the request (5.1); check-times.ts refuses a login after it.
  if (cancellation.firstLoginAt !== null)
    return { ...base, state: 'withdrawn', data: DATA.withdrawn };
  if (nowMs < endsAtMs) {
    return {
      ...base,
      state: 'cooling_off',
      data: DATA.cooling_off,
      daysRemaining: Math.ceil((endsAtMs - nowMs) / DAY_MS),
    };
  }
  return {
    ...base,
    state: 'cancelled',
    data: DATA.cancelled,
    phoneReleasedAtMs: endsAtMs + parameters.phoneReleaseDays * DAY_MS,
  };
}
