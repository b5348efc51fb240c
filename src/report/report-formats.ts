/**
 * The report formats, on their own: the CLI lists them as --format choices without loading the
 * renderers (xmlbuilder2, csv-stringify), which only `report` itself needs.
 */
export const REPORT_FORMATS = ['html', 'md', 'csv', 'junit', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Accounts (and errors) a format lists one by one unless `--max-accounts` says otherwise;
 * `undefined` lists them all. Machine formats are complete: a spreadsheet, a CI dashboard or a
 * script has nowhere to say what it left out. Pages for people keep a cap, and say in the page
 * itself how many they list of how many.
 */
export const DEFAULT_MAX_ACCOUNTS: Readonly<Record<ReportFormat, number | undefined>> = {
  html: 1000,
  md: 1000,
  csv: undefined,
  junit: undefined,
  json: undefined,
};
