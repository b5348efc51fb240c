/**
 * The public contract of each policy: the rule and consequence ids that callers, reports and
 * tests key on, and whether it is decided only for an unbind target. A rule set may add ids;
 * one that drops any of these is refused (an error): a caller testing
 * `policies.cancel.rules['cancel.balance-zero']` must never read a silent "not there". Removing
 * a public rule is a contract change: change this table, the SPEC and the callers together.
 */
import { inBothLanguages, type Diagnostic } from '../diagnostics.js';
import type { PolicyName, Text } from '../generated/policy-file.js';
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

/** Where a pointer is in a file: line, col and the line's text, or nothing when unknown. */
export type Locate = (file: string, pointer: string) => Partial<Diagnostic>;

/**
 * Errors for public ids that a loaded policy no longer defines as what the contract says: a
 * public rule moved under consequences is as gone as a deleted one (it decides nothing).
 */
export function missingContractIds(
  policies: ReadonlyMap<PolicyName, PolicyDefinition>,
  locate: Locate = () => ({}),
): Diagnostic[] {
  const errors: Diagnostic[] = [];
  for (const [name, policy] of policies) {
    const expected = CONTRACT_IDS[name];
    for (const kind of ['rules', 'consequences'] as const) {
      const defined = new Set(policy[kind].map((entry) => entry.id));
      for (const id of (expected?.[kind] ?? []).filter((id) => !defined.has(id))) {
        errors.push({
          severity: 'error',
          code: 'missing-contract-id',
          ...inBothLanguages({
            'zh-CN': `${id} 属于公开约定（调用方和报告都依赖它），但 ${name} 不再把它定义为${kind === 'rules' ? '规则' : '后果'}；删除它会改变约定（见 docs/authoring.md）`,
            en: `${id} is part of the public contract (callers and reports key on it) but ${name} no longer defines it${kind === 'rules' ? ' as a rule' : ' as a consequence'}; removing it changes the contract (docs/authoring.md)`,
          }),
          file: policy.file,
          pointer: `/${kind}`,
          ...locate(policy.file, `/${kind}`),
        });
      }
    }
  }
  return errors;
}

/**
 * `requiresTarget` is part of the output contract: a policy that needs a target is left out of
 * every answer given without one, so only the policies the contract says need one may say so.
 */
export function targetMismatch(
  requiresTarget: unknown,
  policyName: string,
): { pointer: string; message: Text } | undefined {
  const contract = CONTRACT_IDS[policyName];
  if (!contract || (requiresTarget !== undefined && typeof requiresTarget !== 'boolean')) return;
  if ((requiresTarget ?? false) === contract.requiresTarget) return;
  return {
    pointer: requiresTarget === undefined ? '/policy' : '/requiresTarget',
    message: contract.requiresTarget
      ? {
          'zh-CN': `${policyName} 针对某一个绑定作决定，所以需要 requiresTarget: true；否则 ${policyName} 会在没有指明绑定的情况下作决定`,
          en: `${policyName} decides about one binding, so it needs requiresTarget: true; without it, ${policyName} would be decided with no binding named`,
        }
      : {
          'zh-CN': `requiresTarget: true 会让不带 --unbind 的每次回答都缺少 ${policyName}，而调用方总会得到 ${policyName} 的决定（schemas/evaluation-result.schema.json）；只有针对某一个绑定作决定的策略才需要目标`,
          en: `requiresTarget: true would leave ${policyName} out of every answer given without --unbind, yet callers always get a ${policyName} decision (schemas/evaluation-result.schema.json); only policies decided for one binding may need a target`,
        },
  };
}
