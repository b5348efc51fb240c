/**
 * The rule and consequence ids that callers, reports and tests key on (the public contract).
 * A rule set may add ids; one that drops any of these still loads, with a warning, because
 * removing a rule can be a deliberate policy change — but callers must hear about it.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { PolicyName } from '../generated/policy-file.js';
import type { PolicyDefinition } from './rule-set.js';

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

/** Warnings for public ids that a loaded policy no longer defines. */
export function missingContractIds(
  policies: ReadonlyMap<PolicyName, PolicyDefinition>,
): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  for (const [name, policy] of policies) {
    const defined = new Set([...policy.rules, ...policy.consequences].map((entry) => entry.id));
    const expected = CONTRACT_IDS[name];
    for (const id of [...(expected?.rules ?? []), ...(expected?.consequences ?? [])]) {
      if (!defined.has(id)) {
        warnings.push({
          severity: 'warning',
          code: 'missing-contract-id',
          message: `${id} is part of the public contract (callers and reports key on it) but ${name} no longer defines it`,
          file: policy.file,
        });
      }
    }
  }
  return warnings;
}
