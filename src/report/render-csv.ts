/**
 * The CSV report: one row per listed account × policy, for spreadsheets and scripts. UTF-8 with
 * a byte-order mark, so Excel shows Chinese correctly; RFC 4180: CRLF between records, and every
 * field that holds a quote, a comma, CR or LF is quoted. An input that gave no decision is a row
 * too (outcome `error`), so a spreadsheet never hides it.
 */
import { stringify } from 'csv-stringify/sync';
import { locationText } from './report-labels.js';
import type { Report } from './report-model.js';

export const CSV_COLUMNS = [
  'accountId',
  'decisionId',
  'evaluatedAt',
  'policy',
  'outcome',
  'failingRules',
  'reasons',
  'lifecycle',
  // The verified head of the decision log read, on every row (empty without a log): a filtered
  // or sorted sheet keeps it, where a comment line or a last row would be lost or mis-read.
  'logSeq',
  'logHash',
] as const;

type Row = Record<(typeof CSV_COLUMNS)[number], string>;

export function renderCsv(report: Report): string {
  const rows: Row[] = [];
  const head = report.provenance.logHead;
  const log = { logSeq: head ? String(head.seq) : '', logHash: head?.hash ?? '' };
  for (const account of report.accounts.entries) {
    for (const policy of account.policies) {
      rows.push({
        accountId: account.accountId,
        decisionId: account.decisionId,
        evaluatedAt: account.evaluatedAt,
        policy: policy.policy,
        outcome: policy.outcome,
        failingRules: policy.reasons.map((r) => r.rule).join(' '),
        // One reason per line inside the cell: spreadsheets show them stacked.
        reasons: policy.reasons.map((r) => r.message).join('\n'),
        lifecycle: account.lifecycle,
        ...log,
      });
    }
  }
  for (const error of report.errors.entries) {
    const record = error.record ? ` (error record at ${locationText(error.record)})` : '';
    rows.push({
      accountId: '',
      decisionId: '',
      evaluatedAt: '',
      policy: '',
      outcome: 'error',
      failingRules: '',
      reasons: `${locationText(error.at)}: ${error.code}: ${error.message}${record}`,
      lifecycle: '',
      ...log,
    });
  }
  return stringify(rows, {
    bom: true,
    header: true,
    columns: [...CSV_COLUMNS],
    record_delimiter: 'windows',
    // Given a record_delimiter, csv-stringify quotes only fields holding it (CRLF); a cell with a
    // bare LF (reasons, one per line) or CR would then split the row in every spreadsheet.
    quote_record_delimiter: true,
    // A reason quoting user data could start with "=" and run as a formula when opened.
    escape_formulas: true,
  });
}
