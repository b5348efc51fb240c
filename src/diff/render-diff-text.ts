/**
 * The text output of `diff`, for the reviewer of a rule change: a verdict first, then only the
 * rows that are not zero, each with a few account ids to look at.
 */
import picocolors from 'picocolors';
import stringWidth from 'string-width';
import type { MessageChange } from '../generated/diff-report.js';
import { LANGS, type Lang } from '../lang.js';
import { describeParameterChange } from '../rules/compare-rule-sets.js';
import { DIFF_LABELS, type DiffLabels } from './diff-labels.js';
import type { DiffReport, InvalidSample, RuleSetSummary, Sample } from './diff-report.js';

export interface DiffTextOptions {
  lang: Lang;
  /** ANSI colours; the CLI turns them on only for a terminal. */
  color: boolean;
}

type Colors = ReturnType<typeof picocolors.createColors>;

export function renderDiffText(report: DiffReport, { lang, color }: DiffTextOptions): string {
  const c = picocolors.createColors(color);
  const l = DIFF_LABELS[lang];
  const identical = report.rules.base.digest === report.rules.new.digest;
  const lines = [
    c.bold(l.title(report.snapshots)),
    l.baseRules(ruleSetLine(report.rules.base, l, c)),
    `${l.newRules(ruleSetLine(report.rules.new, l, c))}${identical ? ` ${l.identical}` : ''}`,
    l.evaluatedAt(report.now ?? l.eachCapturedAt),
  ];
  if (report.rules.removedRuleIds.length > 0)
    lines.push(l.removedRuleIds(report.rules.removedRuleIds.join(', ')));
  if (report.rules.addedRuleIds.length > 0)
    lines.push(l.addedRuleIds(report.rules.addedRuleIds.join(', ')));
  if (report.rules.parameterChanges.length > 0)
    lines.push(l.parameters(report.rules.parameterChanges.map(describeParameterChange).join(', ')));
  const verdict =
    report.changed === 0
      ? l.noChange(report.snapshots)
      : l.verdict(report.changed, report.snapshots);
  const wording =
    report.wordingChanged === 0 ? '' : l.wordingVerdict(report.wordingChanged, report.changed > 0);
  lines.push('', c.bold(verdict + wording));

  const policyRows: Row[] = [];
  for (const [name, diff] of Object.entries(report.policies)) {
    const rows = (['passToFail', 'failToPass', 'reasonsChanged'] as const).flatMap((key) =>
      sampleRow([l.transitions[key]], diff[key], 4),
    );
    if (rows.length > 0)
      policyRows.push(
        `  ${l.policyHeading(name, c.dim(l.unchanged(diff.unchanged.count)))}`,
        ...rows,
      );
  }
  section(lines, l.policies, alignColumns(policyRows), c);

  const ruleRows = report.ruleChanges.flatMap((r) => [
    ...sampleRow([r.rule, l.newlyFails], r.newlyFails, 2),
    ...sampleRow([r.rule, l.newlyHolds], r.newlyHolds, 2),
  ]);
  section(lines, l.rules, alignColumns(ruleRows), c);
  section(
    lines,
    l.lifecycle,
    alignColumns(report.lifecycle.flatMap((t) => sampleRow([`${t.from} → ${t.to}`], t, 2))),
    c,
  );
  const invalidRows = [
    ...invalidRow(l.invalidUnderNewOnly, report.invalid.underNewOnly),
    ...invalidRow(l.invalidUnderBaseOnly, report.invalid.underBaseOnly),
    ...invalidRow(l.invalidUnderBoth, report.invalid.underBoth),
  ];
  section(lines, l.invalid, invalidRows, c);
  section(lines, l.wording, wordingRows(report.messageChanges, l, lang), c);
  return `${lines.join('\n')}\n`;
}

/** Per reworded message: its count and examples, then what the first example reads before and after. */
function wordingRows(changes: readonly MessageChange[], l: DiffLabels, lang: Lang): string[] {
  const table = alignColumns(
    changes.map((change) => sampleRow([change.id, l.kinds[change.kind]], change, 2)[0] ?? []),
  );
  return changes.flatMap((change, i) => {
    const { accountId, before, after } = change.example;
    // The reader's language first.
    const langs = [lang, ...LANGS.filter((other) => other !== lang)];
    return [
      table[i] ?? '',
      ...langs.flatMap((shown) => {
        const unchanged = !change.languages.includes(shown);
        return [
          `      ${l.exampleIn(accountId, shown, unchanged)}`,
          ...(unchanged
            ? [`        ${before[shown]}`]
            : [
                `        ${padTo(l.before, l.after)}  ${before[shown]}`,
                `        ${padTo(l.after, l.before)}  ${after[shown]}`,
              ]),
        ];
      }),
    ];
  });
}

function ruleSetLine(summary: RuleSetSummary, l: DiffLabels, c: Colors): string {
  return `${c.dim(summary.digest)} (${summary.dir ?? l.shippedRules})`;
}

function section(lines: string[], heading: string, rows: readonly string[], c: Colors): void {
  if (rows.length > 0) lines.push('', c.bold(heading), ...rows);
}

/** A heading line as is, or the cells of a table row. */
type Row = string | string[];

/** [...labels, count, examples], or nothing for a zero count. */
function sampleRow(labels: string[], sample: Sample, indent: number): Row[] {
  if (sample.count === 0) return [];
  const more = sample.count > sample.examples.length && sample.examples.length > 0 ? ', …' : '';
  const [first = '', ...rest] = labels;
  return [
    [
      `${' '.repeat(indent)}${first}`,
      ...rest,
      String(sample.count),
      `${sample.examples.join(', ')}${more}`,
    ],
  ];
}

function invalidRow(label: string, sample: InvalidSample): string[] {
  if (sample.count === 0) return [];
  const examples = sample.examples.map((e) => {
    const where = [e.file, e.line].filter((part) => part !== null).join(':');
    const what = [e.code, e.pointer].filter((part) => part !== null && part !== '').join(' ');
    return `      ${where}: ${what}${e.accountId === null ? '' : ` (${e.accountId})`}`;
  });
  return [`  ${label}  ${sample.count}`, ...examples];
}

/**
 * Table rows become aligned columns (counts to the right, the last column left as is); headings
 * stay as they are. CJK characters take two columns on a terminal.
 */
function alignColumns(rows: readonly Row[]): string[] {
  const widths: number[] = [];
  for (const row of rows)
    if (Array.isArray(row))
      row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, stringWidth(cell))));
  return rows.map((row) => {
    if (!Array.isArray(row)) return row;
    const cells = row.map((cell, i) => {
      if (i === row.length - 1) return cell;
      const pad = ' '.repeat((widths[i] ?? 0) - stringWidth(cell));
      return /^\d+$/.test(cell) ? pad + cell : cell + pad;
    });
    return cells.join('  ').trimEnd();
  });
}

/** `label`, padded to the display width of the wider of it and `other`. */
function padTo(label: string, other: string): string {
  return label + ' '.repeat(Math.max(0, stringWidth(other) - stringWidth(label)));
}
