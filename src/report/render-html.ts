/**
 * The HTML report: one self-contained file an auditor can open offline, archive or print. Inline
 * CSS and SVG only — no script, no font or image to fetch — and every value from the input
 * escaped. The only date in it is from the data, so the same input gives the same bytes.
 */
import { htmlTime } from './report-time.js';
import { escapeHtml as e } from './escape-html.js';
import {
  accountsSection,
  errorsSection,
  failingRulesSection,
  lifecycleSection,
  outcomesSection,
  provenanceSection,
} from './html-sections.js';
import { logProvenanceSection } from './html-provenance.js';
import { REPORT_CSS } from './html-style.js';
import { group, REPORT_LABELS, type ReportLabels } from './report-labels.js';
import type { Report } from './report-model.js';

export function renderHtml(report: Report): string {
  const l = REPORT_LABELS[report.lang];
  return [
    '<!DOCTYPE html>',
    `<html lang="${e(report.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing may load from anywhere: a report opened from an e-mail must not call home.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${e(l.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    header(report, l),
    logProvenanceSection(report),
    cards(report, l),
    warnings(report, l),
    outcomesSection(report, l),
    failingRulesSection(report, l),
    lifecycleSection(report, l),
    provenanceSection(report, l),
    errorsSection(report, l),
    accountsSection(report, l),
    `<footer>${e(l.footer)}</footer>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function header(report: Report, l: ReportLabels): string {
  const rules = `<code>${e(report.ruleSet.digest)}</code> (${report.ruleSet.dir === null ? e(l.shippedRules) : `<code>${e(report.ruleSet.dir)}</code>`})`;
  const now = report.now === null ? e(l.eachCapturedAt) : htmlTime(report.now, report);
  return [
    '<header>',
    `<h1>${e(l.title)}</h1>`,
    '<dl class="meta">',
    `<dt>${e(l.inputs)}</dt><dd>${report.inputs.map((input) => `<code>${e(input)}</code>`).join(', ')}</dd>`,
    `<dt>${e(l.rules)}</dt><dd>${rules}</dd>`,
    `<dt>${e(l.evaluatedAtOption)}</dt><dd>${now}</dd>`,
    '</dl>',
    '</header>',
  ].join('\n');
}

function cards(report: Report, l: ReportLabels): string {
  const { summary } = report;
  const { evaluatedAt } = summary;
  const range = !evaluatedAt
    ? '—'
    : evaluatedAt.earliest === evaluatedAt.latest
      ? htmlTime(evaluatedAt.earliest, report)
      : `${htmlTime(evaluatedAt.earliest, report)}<br>– ${htmlTime(evaluatedAt.latest, report)}`;
  const card = (id: string, label: string, value: string, small = false) =>
    `<div class="card${small ? ' wide' : ''}" id="${id}"><div class="label">${e(label)}</div><div class="value${small ? ' small' : ''}">${value}</div></div>`;
  return [
    '<section class="cards">',
    card('card-accounts', l.accounts, e(group(summary.accounts))),
    card('card-errors', l.errors, e(group(summary.errors))),
    card('card-evaluated', l.evaluatedBetween, range, true),
    card('card-rule-sets', l.ruleSets, e(group(summary.rulesDigests.length))),
    card('card-engine', l.engine, e(summary.engineVersions.map((v) => v.value).join(', ') || '—')),
    '</section>',
    `<p class="note">${e(l.fromRecords(group(summary.fromRecords), group(summary.fromSnapshots)))}</p>`,
  ].join('\n');
}

function warnings(report: Report, l: ReportLabels): string {
  if (report.warnings.length === 0) return '';
  const items = report.warnings.map(
    (w) =>
      `<div class="warning"><strong>${e(l.warnings)}</strong> <code>${e(w.code)}</code>: ${e(w.message)}</div>`,
  );
  return `<section id="warnings">\n${items.join('\n')}\n</section>`;
}
