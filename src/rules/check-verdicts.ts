/**
 * What the prover (prove-condition.ts) finds, as check diagnostics: a rule that holds for every
 * account is a silent pass, and one that holds for none a policy that can never pass; both are
 * errors. A consequence whose condition is always or never true is only redundant or dead, so
 * it is a warning (docs/analysis.md).
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Consequence, Rule, Text } from '../generated/policy-file.js';
import { proveCondition } from './prove-condition.js';

interface Listed<T> {
  entry: T;
  pointer: string;
}
type Report = (code: Diagnostic['code'], pointer: string, message: Text) => void;

export function checkVerdicts(
  rules: Array<Listed<Rule>>,
  consequences: Array<Listed<Consequence>>,
  report: Report,
  warn: (pointer: string, code: Diagnostic['code'], message: Text) => void,
): void {
  for (const { entry, pointer } of rules) {
    const verdict = proveCondition(entry.holdsWhen);
    if (verdict === 'always')
      report('rule-cannot-fail', `${pointer}/holdsWhen`, CANNOT_FAIL(entry.id));
    else if (verdict === 'never')
      report('rule-cannot-hold', `${pointer}/holdsWhen`, CANNOT_HOLD(entry.id));
  }
  for (const { entry, pointer } of consequences) {
    if (!entry.appliesWhen) continue;
    const verdict = proveCondition(entry.appliesWhen);
    if (verdict === 'always')
      warn(`${pointer}/appliesWhen`, 'consequence-always-applies', ALWAYS_APPLIES(entry.id));
    else if (verdict === 'never')
      warn(`${pointer}/appliesWhen`, 'consequence-never-applies', NEVER_APPLIES(entry.id));
  }
}

const CANNOT_FAIL = (id: string): Text => ({
  'zh-CN': `${id} 对任何账号都成立，永远不会拦截任何人（静默通过）`,
  en: `${id} holds for every possible account, so it can never stop anyone (a silent pass)`,
});
const CANNOT_HOLD = (id: string): Text => ({
  'zh-CN': `${id} 对任何账号都不成立，该策略永远无法通过`,
  en: `${id} holds for no possible account, so the policy can never pass`,
});
const ALWAYS_APPLIES = (id: string): Text => ({
  'zh-CN': `${id}：appliesWhen 对任何账号都成立，可删除或修正`,
  en: `${id}: appliesWhen is true for every possible account: drop it, or fix it`,
});
const NEVER_APPLIES = (id: string): Text => ({
  'zh-CN': `${id}：appliesWhen 对任何账号都不成立，该后果永远不会显示`,
  en: `${id}: appliesWhen is true for no possible account, so this consequence is never shown`,
});
