/**
 * The rule and consequence ids that callers, reports and tests key on (the public contract).
 * A rule set may add ids; one that drops any of these still loads, with a warning, because
 * removing a rule can be a deliberate policy change — but callers must hear about it.
 */
export const CONTRACT_IDS: Readonly<
  Record<string, { rules: readonly string[]; consequences: readonly string[] }>
> = {
  cancel: {
    rules: [
      'cancel.pay-closed',
      'cancel.balance-zero',
      'cancel.no-pending-transactions',
      'cancel.no-pending-refunds',
      'cancel.third-party-revoked',
      'cancel.official-account-admin-released',
      'cancel.wecom-unlinked',
      'cancel.open-platform-revoked',
      'cancel.not-in-progress',
    ],
    consequences: ['cancel.cooling-off-starts', 'cancel.data-deleted', 'cancel.phone-released'],
  },
  unbind: {
    rules: ['unbind.target-bound', 'unbind.account-active'],
    consequences: [
      'unbind.account-retained',
      'unbind.phone-stays-bound',
      'unbind.no-undo',
      'unbind.other-cards-usable',
    ],
  },
  withdraw: {
    rules: ['withdraw.cancellation-requested', 'withdraw.cooling-off-active'],
    consequences: ['withdraw.login-cancels'],
  },
  'phone-reuse': {
    rules: [
      'phone-reuse.phone-bound',
      'phone-reuse.account-cancelled',
      'phone-reuse.release-period-elapsed',
    ],
    consequences: ['phone-reuse.register-new'],
  },
};
