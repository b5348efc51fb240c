/**
 * The report over many decisions: what every format renders, and exactly what `--format json`
 * prints (schemas/report.schema.json declares it). The summary counts every input; only the
 * per-account and per-error lists can be capped (`maxAccounts`), and they say how many they leave
 * out, so with a cap a million records fit in bounded memory.
 */
export type {
  AccountEntry,
  AccountPolicy,
  ErrorEntry,
  FailingRule,
  Location,
  PolicyTally,
  Report,
  ReportSummary,
  Tally,
} from '../generated/report.js';

/** The report's provenance: inputs, the decision log's verified head, whether verified, rules digests. */
export type Provenance = import('../generated/report.js').Report['provenance'];

/** A list that keeps at most `--max-accounts` entries, in input order, and counts the rest. */
export interface Capped<T> {
  total: number;
  shown: number;
  omitted: number;
  entries: T[];
}
