/**
 * The Markdown report, for a pull request or an issue: GitHub-flavoured tables only. Every value
 * from the input is escaped, so an account id or a reason can neither break a table (a `|`) nor
 * inject a link, an image or HTML.
 */
import { mdTime } from './report-time.js';
import {
  group,
  locationText,
  percentOf,
  percentText,
  REPORT_LABELS,
  type ReportLabels,
} from './report-labels.js';
import type { AccountEntry, Report, Tally } from './report-model.js';
import { mdCode, mdText } from './md-text.js';
import { provenanceBlocks } from './md-provenance.js';

export { mdCode, mdText };

function table(
  head: readonly string[],
  align: readonly ('l' | 'r')[],
  rows: readonly (readonly string[])[],
): string {
  const rule = align.map((a) => (a === 'r' ? '---:' : '---'));
  return [head, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export function renderMarkdown(report: Report): string {
  const l = REPORT_LABELS[report.lang];
  const { summary } = report;
  const blocks = [
    ...overviewBlocks(report, l),
    ...provenanceBlocks(report),
    ...outcomeBlocks(report, l),
    `## ${mdText(l.ruleSets)} · ${mdText(l.engine)}`,
    tallyTable(l.rulesDigest, l, summary.rulesDigests),
    tallyTable(l.engineVersion, l, summary.engineVersions),
    ...errorBlocks(report, l),
    `## ${mdText(l.accountList)}`,
    mdText(l.showing(report.accounts.shown, report.accounts.total, 'accounts')),
    ...(report.accounts.entries.length > 0 ? [accountsTable(report, l)] : []),
  ];
  return `${blocks.join('\n\n')}\n`;
}

/** The title, what was read, the totals and any warnings. */
function overviewBlocks(report: Report, l: ReportLabels): string[] {
  const { summary } = report;
  const range = summary.evaluatedAt
    ? `${mdTime(summary.evaluatedAt.earliest, report)} – ${mdTime(summary.evaluatedAt.latest, report)}`
    : '—';
  return [
    `# ${mdText(l.title)}`,
    [
      `- **${mdText(l.inputs + l.colon)}** ${report.inputs.map(mdCode).join(', ')}`,
      `- **${mdText(l.rules + l.colon)}** ${mdCode(report.ruleSet.digest)} (${report.ruleSet.dir === null ? mdText(l.shippedRules) : mdCode(report.ruleSet.dir)})`,
      `- **${mdText(l.evaluatedAtOption + l.colon)}** ${report.now === null ? mdText(l.eachCapturedAt) : mdTime(report.now, report)}`,
    ].join('\n'),
    table(
      [l.accounts, l.errors, l.evaluatedBetween, l.ruleSets, l.engine].map(mdText),
      ['r', 'r', 'l', 'r', 'l'],
      [
        [
          group(summary.accounts),
          group(summary.errors),
          range,
          group(summary.rulesDigests.length),
          summary.engineVersions.map((v) => mdCode(v.value)).join(', ') || '—',
        ],
      ],
    ),
    mdText(l.fromRecords(group(summary.fromRecords), group(summary.fromSnapshots))),
    ...report.warnings.map(
      (w) => `> **${mdText(l.warnings)}** ${mdCode(w.code)}: ${mdText(w.message)}`,
    ),
  ];
}

/** Outcomes per policy, the rules that failed, and the lifecycle states decided. */
function outcomeBlocks(report: Report, l: ReportLabels): string[] {
  const { summary } = report;
  return [
    `## ${mdText(l.outcomes)}`,
    table(
      [l.policy, l.decided, l.pass, l.fail, l.notApplicable, l.blocked, l.failPercent].map(mdText),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
      summary.policies.map((p) => [
        `${mdText(p.title)} ${mdCode(p.policy)}`,
        group(p.decided),
        group(p.pass),
        group(p.fail),
        group(p.notApplicable),
        group(p.blocked),
        percentText(percentOf(p.fail, p.decided)),
      ]),
    ),
    premisesNote(report, l),
    `## ${mdText(l.failingRules)}`,
    summary.failingRules.length === 0
      ? mdText(l.noFailingRules)
      : table(
          [l.rule, l.policy, l.section, l.description, l.count, l.percentOfDecided].map(mdText),
          ['l', 'l', 'l', 'l', 'r', 'r'],
          summary.failingRules.map((r) => [
            mdCode(r.rule),
            mdCode(r.policy),
            mdText(`§${r.source}`),
            mdText(r.description ?? '—'),
            group(r.count),
            percentText(r.percent),
          ]),
        ),
    `## ${mdText(l.lifecycle)}`,
    table(
      [l.state, l.decisions, '%'].map(mdText),
      ['l', 'r', 'r'],
      summary.lifecycle.map((s) => [
        `${mdText(l.lifecycleStates[s.state])} ${mdCode(s.state)}`,
        group(s.count),
        percentText(percentOf(s.count, summary.accounts)),
      ]),
    ),
  ];
}

function tallyTable(heading: string, l: ReportLabels, tallies: readonly Tally[]): string {
  return table(
    [mdText(heading), mdText(l.decisions)],
    ['l', 'r'],
    tallies.map((t) => [mdCode(t.value), group(t.count)]),
  );
}

function errorBlocks(report: Report, l: ReportLabels): string[] {
  const { errors } = report;
  if (errors.total === 0) return [`## ${mdText(l.errors)}`, mdText(l.noErrors)];
  return [
    `## ${mdText(l.errors)} (${group(errors.total)})`,
    table(
      [l.code, l.count].map(mdText),
      ['l', 'r'],
      errors.byCode.map((t) => [mdCode(t.value), group(t.count)]),
    ),
    mdText(l.showing(errors.shown, errors.total, 'errors')),
    table(
      [l.where, l.code, l.message].map(mdText),
      ['l', 'l', 'l'],
      errors.entries.map((x) => [
        mdCode(locationText(x.at)) +
          (x.record ? ` (${mdText(l.errorRecordAt)} ${mdCode(locationText(x.record))})` : ''),
        mdCode(x.code),
        mdText(x.diagnostics > 1 ? `${x.message} (+${x.diagnostics - 1})` : x.message),
      ]),
    ),
  ];
}

function accountsTable(report: Report, l: ReportLabels): string {
  const policies = report.summary.policies;
  const cell = (a: AccountEntry, policy: string): string => {
    const result = a.policies.find((p) => p.policy === policy);
    if (!result) return '—';
    if (result.outcome === 'pass') return `✓ ${mdText(l.pass)}`;
    // <br> is the one tag GitHub keeps inside a table cell: one reason per line.
    return [
      `✗ ${mdText(l.fail)}`,
      ...result.reasons.map((r) => `${mdText(r.message)} (${mdCode(r.rule)} §${mdText(r.source)})`),
    ].join('<br>');
  };
  return table(
    [l.account, l.evaluatedAt, l.state, ...policies.map((p) => p.title)].map(mdText),
    ['l', 'l', 'l', ...policies.map(() => 'l' as const)],
    report.accounts.entries.map((a) => [
      mdCode(a.accountId) +
        (a.unbind === null ? '' : ` (${mdText(l.unbindTarget)} ${mdCode(a.unbind)})`),
      mdTime(a.evaluatedAt, report),
      mdText(l.lifecycleStates[a.lifecycle]),
      ...policies.map((p) => cell(a, p.policy)),
    ]),
  );
}

/** What notApplicable and blocked mean, naming the premise rules (the words escaped, the ids as code). */
function premisesNote(report: Report, l: ReportLabels): string {
  const ids = report.ruleSet.premises.map(mdCode).join(l.listSeparator) || '—';
  return mdText(l.failSplit('\u0000')).replace('\u0000', ids);
}
