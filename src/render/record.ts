/**
 * Decision records: what `batch` writes and the decision log keeps. A decision record is the
 * SPEC §4 result plus what an auditor needs to identify and replay it; an error record says
 * why an input could not be evaluated, with the diagnostics `evaluate` would print.
 */
import { withShownLine, type Diagnostic } from '../diagnostics.js';
import { renderDecision, type Decision as EvaluatedDecision } from './decision.js';
import type { Decision, ErrorRecord, Source } from '../generated/decision-record.js';
import type { EvaluationResult } from '../generated/evaluation-result.js';
import type { Lang } from '../lang.js';
import { buildResult } from './result.js';
import { packageInfo } from '../package-info.js';
import { digestOf, sha256Hex } from '../digest.js';

export type {
  Decision as DecidedRecord,
  DecisionRecord,
  ErrorRecord,
  Source,
} from '../generated/decision-record.js';

/**
 * The decision's id: the same snapshot, rules, evaluation time and unbind target always give
 * the same id, so a replay can be matched to the record it reproduces.
 */
export function decisionIdOf(
  inputDigest: string,
  rulesDigest: string,
  evaluatedAt: string,
  unbind: string | null,
): string {
  return sha256Hex([inputDigest, rulesDigest, evaluatedAt, unbind ?? ''].join('\n'));
}

export async function decisionRecord(
  decision: EvaluatedDecision,
  snapshot: unknown,
  source?: Source,
): Promise<Decision> {
  const result = await renderDecision(decision);
  const unbind = decision.unbind ?? null;
  const inputDigest = digestOf(snapshot);
  const record: Decision = {
    kind: 'decision',
    decisionId: decisionIdOf(inputDigest, result.rules.digest, result.evaluatedAt, unbind),
    accountId: result.accountId,
    evaluatedAt: result.evaluatedAt,
    input: { digest: inputDigest, unbind, ...(source ? { source } : {}) },
    rules: result.rules,
    engine: { name: 'account-policy', version: packageInfo.version },
    lifecycle: result.lifecycle,
    policies: result.policies,
    messages: bilingualMessages(decision, result),
  };
  return result.explanation ? { ...record, explanation: result.explanation } : record;
}

/** Every reason and consequence of the decision, by id, in both languages; `rendered` is one of them already. */
function bilingualMessages(
  decision: EvaluatedDecision,
  rendered: EvaluationResult,
): Decision['messages'] {
  const { ruleSet, policies, facts, held } = decision;
  const inLang = (lang: Lang) =>
    decision.lang === lang
      ? rendered
      : buildResult(ruleSet, decision.messages, policies, facts, held, lang);
  const zh = inLang('zh-CN');
  const en = inLang('en');
  const messages: Decision['messages'] = {};
  for (const name of Object.keys(zh.policies) as Array<keyof typeof zh.policies>) {
    const [zhPolicy, enPolicy] = [zh.policies[name], en.policies[name]];
    if (!zhPolicy || !enPolicy) continue;
    zhPolicy.reasons.forEach(
      (reason, i) =>
        (messages[reason.rule] = {
          'zh-CN': reason.message,
          en: enPolicy.reasons[i]?.message ?? '',
        }),
    );
    zhPolicy.consequences.forEach(
      (c, i) =>
        (messages[c.id] = { 'zh-CN': c.message, en: enPolicy.consequences[i]?.message ?? '' }),
    );
  }
  return messages;
}

/** The SPEC §4 result inside a decision record, exactly as evaluate returns it. */
export function resultOfRecord(record: Decision): EvaluationResult {
  const { accountId, evaluatedAt, rules, lifecycle, policies, explanation } = record;
  const result: EvaluationResult = { accountId, evaluatedAt, rules, lifecycle, policies };
  return explanation ? { ...result, explanation } : result;
}

export function errorRecord(diagnostics: readonly Diagnostic[], source: Source): ErrorRecord {
  const [first, ...rest] = diagnostics;
  if (!first) throw new Error('an error record needs at least one diagnostic');
  return {
    kind: 'error',
    input: { source },
    diagnostics: [withShownLine(first), ...rest.map(withShownLine)],
  };
}
