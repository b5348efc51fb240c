/**
 * The result of `account-policy diff`: what a rule change does to a corpus of snapshots, as
 * schemas/diff-report.schema.json declares it. `--format json` prints it as is, so its key
 * order is part of the output: every object is built in the order the schema lists its
 * properties, lists in rule-set or corpus order.
 */
export type {
  DiffReport,
  InvalidExample,
  InvalidSample,
  LifecycleDiff,
  PolicyDiff,
  RuleDiff,
  Sample,
} from '../generated/diff-report.js';
export type { RuleSetSummary } from '../generated/semantic-diff.js';
