/**
 * Which rules a batch worker decides by, as it reports them once it has built its Policy: the
 * rule set's digest and a digest of its whole content. The main thread loaded the rule files
 * once and sent that rule set to every worker; before any chunk is sent, each worker's report
 * must match the main thread's own, or the batch is refused (fail closed): no record of the run
 * may be decided by other rules than the digest it names.
 */
import { digestOf } from '../digest.js';
import type { RuleSet } from '../rules/rule-set.js';

export interface RulesIdentity {
  /** The rule set's own digest (over the rule files), as every record names it. */
  digest: string;
  /** sha256 of the canonical JSON of everything in the rule set: what decides, not its name. */
  content: string;
}

export function rulesIdentity(ruleSet: RuleSet): RulesIdentity {
  return {
    digest: ruleSet.digest,
    content: digestOf({ ...ruleSet, sections: [...ruleSet.sections] }),
  };
}

/** Why a worker's report does not match `expected`, or undefined when it does. */
export function identityMismatch(expected: RulesIdentity, reported: unknown): string | undefined {
  const { digest, content } = (reported ?? {}) as Partial<RulesIdentity>;
  if (digest === expected.digest && content === expected.content) return undefined;
  const said = typeof digest === 'string' ? `rules ${digest}` : 'no rules digest';
  const what = digest === expected.digest ? ' under the same digest but with other content' : '';
  return `a batch worker reported ${said}${what}, not the ${expected.digest} this batch loaded; refusing to run the batch`;
}
