/**
 * What the prover (prove-condition.ts) finds, as check diagnostics: a rule that holds for every
 * account is a silent pass, and one that holds for none a policy that can never pass; both are
 * errors. A consequence whose condition is always or never true is only redundant or dead, so
 * it is a warning (docs/analysis.md).
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Consequence, Rule } from '../generated/policy-file.js';
import { proveCondition } from './prove-condition.js';

interface Listed<T> {
  entry: T;
  pointer: string;
}
type Report = (code: Diagnostic['code'], pointer: string, message: string) => void;

export function checkVerdicts(
  rules: Array<Listed<Rule>>,
  consequences: Array<Listed<Consequence>>,
  report: Report,
  warn: (pointer: string, code: Diagnostic['code'], message: string) => void,
): void {
  for (const { entry, pointer } of rules) {
    const verdict = proveCondition(entry.holdsWhen);
    if (verdict === 'always')
      report('rule-cannot-fail', `${pointer}/holdsWhen`, `${entry.id} ${CANNOT_FAIL}`);
    else if (verdict === 'never')
      report('rule-cannot-hold', `${pointer}/holdsWhen`, `${entry.id} ${CANNOT_HOLD}`);
  }
  for (const { entry, pointer } of consequences) {
    if (!entry.appliesWhen) continue;
    const verdict = proveCondition(entry.appliesWhen);
    if (verdict === 'always')
      warn(
        `${pointer}/appliesWhen`,
        'consequence-always-applies',
        `${entry.id}: ${ALWAYS_APPLIES}`,
      );
    else if (verdict === 'never')
      warn(`${pointer}/appliesWhen`, 'consequence-never-applies', `${entry.id}: ${NEVER_APPLIES}`);
  }
}

const CANNOT_FAIL =
  'holds for every possible account, so it can never stop anyone (a silent pass); 该规则对任何账号都成立，永远不会拦截（静默通过）';
const CANNOT_HOLD =
  'holds for no possible account, so the policy can never pass; 该规则对任何账号都不成立，该策略永远无法通过';
const ALWAYS_APPLIES =
  'appliesWhen is true for every possible account: drop it, or fix it; appliesWhen 对任何账号都成立，可删除或修正';
const NEVER_APPLIES =
  'appliesWhen is true for no possible account, so this consequence is never shown; appliesWhen 对任何账号都不成立，该后果永远不会显示';
