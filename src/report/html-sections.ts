/** The sections of the HTML report below its header: each a heading, a chart or note, and a table. */
import { htmlTime } from './report-time.js';
import { escapeHtml as e } from './escape-html.js';
import { failingRulesChart, outcomesChart } from './html-charts.js';
import { PROVENANCE_LABELS, type ProvenanceLabels } from './provenance-labels.js';
import { group, locationText, percentOf, percentText, type ReportLabels } from './report-labels.js';
import type { AccountEntry, AccountPolicy, ErrorEntry, Report, Tally } from './report-model.js';

type Cell = { text: string; num?: boolean; html?: boolean };

/** A table; every cell is escaped unless it is marked as already-built HTML. */
function table(
  head: readonly Cell[],
  rows: readonly (readonly Cell[])[],
  className?: string,
): string {
  const cell = (tag: 'th' | 'td', c: Cell) =>
    `<${tag}${c.num ? ' class="num"' : ''}>${c.html ? c.text : e(c.text)}</${tag}>`;
  const thead = `<thead><tr>${head.map((c) => cell('th', c)).join('')}</tr></thead>`;
  const tbody = `<tbody>\n${rows.map((row) => `<tr>${row.map((c) => cell('td', c)).join('')}</tr>`).join('\n')}\n</tbody>`;
  return `<table${className ? ` class="${className}"` : ''}>${thead}\n${tbody}</table>`;
}

const n = (value: number): Cell => ({ text: group(value), num: true });
const html = (text: string): Cell => ({ text, html: true });
const code = (text: string): Cell => html(`<code>${e(text)}</code>`);

export function outcomesSection(report: Report, l: ReportLabels): string {
  const ids = report.ruleSet.premises.map((id) => `<code>${e(id)}</code>`);
  const premises = ids.length > 0 ? ids.join(e(l.listSeparator)) : '—';
  const rows = report.summary.policies.map((p) => [
    html(`${e(p.title)} <code>${e(p.policy)}</code>`),
    n(p.decided),
    n(p.pass),
    n(p.fail),
    n(p.notApplicable),
    n(p.blocked),
    { text: percentText(percentOf(p.fail, p.decided)), num: true },
  ]);
  const head = [
    { text: l.policy },
    { text: l.decided, num: true },
    { text: l.pass, num: true },
    { text: l.fail, num: true },
    { text: l.notApplicable, num: true },
    { text: l.blocked, num: true },
    { text: l.failPercent, num: true },
  ];
  return `<section class="keep"><h2>${e(l.outcomes)}</h2>\n<figure>${outcomesChart(report.summary.policies, l)}</figure>\n${table(head, rows)}\n<p class="note">${e(l.failSplit('\u0000')).replace('\u0000', premises)}</p></section>`;
}

export function failingRulesSection(report: Report, l: ReportLabels): string {
  const rules = report.summary.failingRules;
  if (rules.length === 0)
    return `<section><h2>${e(l.failingRules)}</h2><p class="note">${e(l.noFailingRules)}</p></section>`;
  const title = (policy: string) =>
    report.summary.policies.find((p) => p.policy === policy)?.title ?? policy;
  const rows = rules.map((r) => [
    code(r.rule),
    { text: title(r.policy) },
    { text: `§${r.source}` },
    { text: r.description ?? '—' },
    n(r.count),
    { text: percentText(r.percent), num: true },
  ]);
  const head = [
    { text: l.rule },
    { text: l.policy },
    { text: l.section },
    { text: l.description },
    { text: l.count, num: true },
    { text: l.percentOfDecided, num: true },
  ];
  return `<section><h2>${e(l.failingRules)}</h2>\n<figure>${failingRulesChart(rules, l)}</figure>\n${table(head, rows)}</section>`;
}

export function lifecycleSection(report: Report, l: ReportLabels): string {
  const total = report.summary.accounts;
  const rows = report.summary.lifecycle.map(({ state, count }) => [
    html(`${e(l.lifecycleStates[state])} <code>${e(state)}</code>`),
    n(count),
    { text: percentText(percentOf(count, total)), num: true },
  ]);
  return `<section class="keep"><h2>${e(l.lifecycle)}</h2>\n${table([{ text: l.state }, { text: l.decisions, num: true }, { text: '%', num: true }], rows)}</section>`;
}

export function provenanceSection(report: Report, l: ReportLabels): string {
  const tallyRows = (tallies: readonly Tally[]) => tallies.map((t) => [code(t.value), n(t.count)]);
  return [
    `<section class="keep"><h2>${e(l.ruleSets)} · ${e(l.engine)}</h2>`,
    table(
      [{ text: l.rulesDigest }, { text: l.decisions, num: true }],
      tallyRows(report.summary.rulesDigests),
    ),
    table(
      [{ text: l.engineVersion }, { text: l.decisions, num: true }],
      tallyRows(report.summary.engineVersions),
    ),
    '</section>',
  ].join('\n');
}

export function errorsSection(report: Report, l: ReportLabels): string {
  const { errors } = report;
  if (errors.total === 0)
    return `<section><h2>${e(l.errors)}</h2><p class="note">${e(l.noErrors)}</p></section>`;
  const row = (x: ErrorEntry) => [
    html(
      `<span class="id">${e(locationText(x.at))}</span>${x.record ? `<div class="where">${e(l.errorRecordAt)} ${e(locationText(x.record))}</div>` : ''}`,
    ),
    code(x.code),
    { text: x.diagnostics > 1 ? `${x.message} (+${x.diagnostics - 1})` : x.message },
  ];
  return [
    `<section><h2>${e(l.errors)} (${group(errors.total)})</h2>`,
    table(
      [{ text: l.code }, { text: l.count, num: true }],
      errors.byCode.map((t) => [code(t.value), n(t.count)]),
    ),
    `<p class="note">${e(l.showing(errors.shown, errors.total, 'errors'))}</p>`,
    table([{ text: l.where }, { text: l.code }, { text: l.message }], errors.entries.map(row)),
    '</section>',
  ].join('\n');
}

/** One row per account, one column per policy seen in the summary. */
export function accountsSection(report: Report, l: ReportLabels): string {
  const { accounts } = report;
  const policies = report.summary.policies;
  const head = [{ text: l.account }, ...policies.map((p) => ({ text: p.title }))];
  const rows = accounts.entries.map((a) => [
    html(accountCell(a, l, PROVENANCE_LABELS[report.lang], report)),
    ...policies.map((p) =>
      html(
        policyCell(
          a.policies.find((x) => x.policy === p.policy),
          l,
        ),
      ),
    ),
  ]);
  return [
    `<section class="accounts-section"><h2>${e(l.accountList)}</h2>`,
    `<p class="note" id="accounts-note">${e(l.showing(accounts.shown, accounts.total, 'accounts'))}</p>`,
    accounts.entries.length > 0 ? table(head, rows, 'accounts') : '',
    '</section>',
  ].join('\n');
}

function accountCell(
  a: AccountEntry,
  l: ReportLabels,
  p: ProvenanceLabels,
  report: Report,
): string {
  const unbind =
    a.unbind === null
      ? ''
      : `<div class="where">${e(l.unbindTarget)}: <code>${e(a.unbind)}</code></div>`;
  const ids = `<div class="where">${e(p.decisionId)}: <code>${e(a.decisionId)}</code></div><div class="where">${e(p.inputDigest)}: <code>${e(a.inputDigest)}</code></div>`;
  return `<div class="id">${e(a.accountId)}</div><div class="where">${htmlTime(a.evaluatedAt, report)}</div>${ids}<div>${e(l.lifecycleStates[a.lifecycle])}</div>${unbind}<div class="where">${e(locationText(a.at))}</div>`;
}

function policyCell(result: AccountPolicy | undefined, l: ReportLabels): string {
  if (!result) return '<span class="where">—</span>';
  if (result.outcome === 'pass') return `<span class="pass">✓ ${e(l.pass)}</span>`;
  const reasons = result.reasons
    .map((r) => `<li>${e(r.message)} <span class="ref">${e(r.rule)} · §${e(r.source)}</span></li>`)
    .join('');
  return `<span class="fail">✗ ${e(l.fail)}</span><ul class="reasons">${reasons}</ul>`;
}
