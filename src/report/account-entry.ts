/** One decided account as the report lists it, built from its decision record. */
import type { PolicyResult } from '../generated/evaluation-result.js';
import type { Lang } from '../lang.js';
import type { DecidedRecord } from '../render/record.js';
import type { AccountEntry, Location } from './report-model.js';

/** The policies the record decided, with their results (unevaluated ones left out). */
export function policyResults(record: DecidedRecord): Array<[string, PolicyResult]> {
  return Object.entries(record.policies).filter(
    (pair): pair is [string, PolicyResult] => pair[1] !== undefined,
  );
}

/** One account as the report lists it: reasons in the report's language, from the record's own messages. */
export function accountEntry(record: DecidedRecord, at: Location, lang: Lang): AccountEntry {
  return {
    accountId: record.accountId,
    decisionId: record.decisionId,
    inputDigest: record.input.digest,
    evaluatedAt: record.evaluatedAt,
    lifecycle: record.lifecycle.state,
    unbind: record.input.unbind,
    at,
    policies: policyResults(record).map(([policy, result]) => ({
      policy,
      outcome: result.outcome,
      // A record made before `messages` held a reason keeps the one language it was made in.
      reasons: result.reasons.map((r) => ({
        rule: r.rule,
        source: r.source,
        message: record.messages[r.rule]?.[lang] ?? r.message,
      })),
    })),
  };
}
