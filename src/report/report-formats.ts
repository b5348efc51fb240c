/**
 * The report formats, on their own: the CLI lists them as --format choices without loading the
 * renderers (xmlbuilder2, csv-stringify), which only `report` itself needs.
 */
export const REPORT_FORMATS = ['html', 'md', 'csv', 'junit', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
