/**
 * A time in the html and md reports: local to the rule set's zone, as people write it
 * (render/local-time.ts). The HTML keeps the exact instant in `<time datetime>`; JSON, CSV and
 * JUnit stay RFC 3339.
 */
import { localTime } from '../render/local-time.js';
import { escapeHtml } from './escape-html.js';
import { mdText } from './md-text.js';
import type { Report } from './report-model.js';

type Where = Pick<Report, 'lang'> & { ruleSet: Pick<Report['ruleSet'], 'timeZone'> };

export function mdTime(instant: string, report: Where): string {
  return mdText(localTime(instant, report.lang, report.ruleSet.timeZone));
}

export function htmlTime(instant: string, report: Where): string {
  const shown = localTime(instant, report.lang, report.ruleSet.timeZone);
  return `<time datetime="${escapeHtml(instant)}" title="${escapeHtml(instant)}">${escapeHtml(shown)}</time>`;
}
