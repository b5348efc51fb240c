// The floor: the same decisions as the shipped rules, written by hand from SPEC §2–§3 for
// speed alone — no validation, no messages, no consequences, no trace. Returns the failing
// rule ids per policy (no unbind target).
const DAY = 24 * 60 * 60 * 1000;

export function handWritten(snapshot, nowMs, { coolingOffDays, phoneReleaseDays }) {
  let state = 'none';
  let endsAt = 0;
  if (snapshot.cancellation !== null) {
    endsAt = Date.parse(snapshot.cancellation.requestedAt) + coolingOffDays * DAY;
    state =
      snapshot.cancellation.firstLoginAt !== null
        ? 'withdrawn'
        : nowMs < endsAt
          ? 'cooling_off'
          : 'cancelled';
  }
  const { pay } = snapshot;
  let thirdParty = 0;
  let admin = 0;
  let wecom = 0;
  let openPlatform = 0;
  for (const { kind } of snapshot.authorizations) {
    if (kind === 'app' || kind === 'mini_program') thirdParty++;
    else if (kind === 'official_account_admin') admin++;
    else if (kind === 'wecom') wecom++;
    else openPlatform++;
  }
  const cancel = [];
  if (pay.enabled) cancel.push('cancel.pay-closed');
  if (pay.balanceFen !== 0) cancel.push('cancel.balance-zero');
  if (pay.pendingTransactions !== 0) cancel.push('cancel.no-pending-transactions');
  if (pay.pendingRefunds !== 0) cancel.push('cancel.no-pending-refunds');
  if (thirdParty > 0) cancel.push('cancel.third-party-revoked');
  if (admin > 0) cancel.push('cancel.official-account-admin-released');
  if (wecom > 0) cancel.push('cancel.wecom-unlinked');
  if (openPlatform > 0) cancel.push('cancel.open-platform-revoked');
  if (state === 'cooling_off' || state === 'cancelled') cancel.push('cancel.not-in-progress');
  const withdraw = [];
  if (state === 'none' || state === 'withdrawn') withdraw.push('withdraw.cancellation-requested');
  if (state === 'cancelled') withdraw.push('withdraw.cooling-off-active');
  const phoneReuse = [];
  if (snapshot.phone === null) phoneReuse.push('phone-reuse.phone-bound');
  if (state !== 'cancelled') phoneReuse.push('phone-reuse.account-cancelled');
  else if (nowMs < endsAt + phoneReleaseDays * DAY)
    phoneReuse.push('phone-reuse.release-period-elapsed');
  return { cancel, withdraw, 'phone-reuse': phoneReuse };
}
