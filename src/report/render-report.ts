/** One entry per report format: the CLI's --format choices and the renderers behind them. */
import { renderCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';
import type { Report } from './report-model.js';

import type { ReportFormat } from './report-formats.js';

export { REPORT_FORMATS, type ReportFormat } from './report-formats.js';

const RENDERERS: Record<ReportFormat, (report: Report) => string> = {
  html: renderHtml,
  md: renderMarkdown,
  csv: renderCsv,
  junit: renderJunit,
  // Keys in the order the report model declares them, so the output is stable.
  json: (report) => `${JSON.stringify(report, null, 2)}\n`,
};

export function renderReport(report: Report, format: ReportFormat): string {
  return RENDERERS[format](report);
}
