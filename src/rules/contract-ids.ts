/**
 * The public contract of each policy: the rule and consequence ids that callers, reports and
 * tests key on, and whether it is decided only for an unbind target. A rule set may add ids;
 * one that drops any of these is refused (an error): a caller testing
 * `policies.cancel.rules['cancel.balance-zero']` must never read a silent "not there". Removing
 * a public rule is a contract change: change this table, the SPEC and the callers together.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { PolicyName } from '../generated/policy-file.js';
import type { PolicyDefinition } from './rule-set.js';

export const CONTRACT_IDS: Readonly<
  Record<
    string,
    { requiresTarget: boolean; rules: readonly string[]; consequences: readonly string[] }
  >
> = {
  cancel: {
    requiresTarget: false,
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
    requiresTarget: true,
    rules: ['unbind.target-bound', 'unbind.account-active'],
    consequences: [
      'unbind.account-retained',
      'unbind.phone-stays-bound',
      'unbind.no-undo',
      'unbind.other-cards-usable',
    ],
  },
  withdraw: {
    requiresTarget: false,
    rules: ['withdraw.cancellation-requested', 'withdraw.cooling-off-active'],
    consequences: ['withdraw.login-cancels'],
  },
  'phone-reuse': {
    requiresTarget: false,
    rules: [
      'phone-reuse.phone-bound',
      'phone-reuse.account-cancelled',
      'phone-reuse.release-period-elapsed',
    ],
    consequences: ['phone-reuse.register-new'],
  },
};

/** Errors for public ids that a loaded policy no longer defines. */
export function missingContractIds(
  policies: ReadonlyMap<PolicyName, PolicyDefinition>,
): Diagnostic[] {
  const errors: Diagnostic[] = [];
  for (const [name, policy] of policies) {
    const defined = new Set([...policy.rules, ...policy.consequences].map((entry) => entry.id));
    const expected = CONTRACT_IDS[name];
    for (const id of [...(expected?.rules ?? []), ...(expected?.consequences ?? [])]) {
      if (!defined.has(id)) {
        errors.push({
          severity: 'error',
          code: 'missing-contract-id',
          message: `${id} is part of the public contract (callers and reports key on it) but ${name} no longer defines it; removing it changes the contract (docs/authoring.md)`,
          file: policy.file,
        });
      }
    }
  }
  return errors;
}
