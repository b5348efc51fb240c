/**
 * The report's two charts as inline SVG: no script, no external file, prints as drawn.
 * Bars are scaled to 100 % of the policy's decisions, not to the largest bar, so a short bar
 * always means a rare failure. Coordinates are rounded to 0.1 so output is byte-stable.
 */
import { escapeHtml } from './escape-html.js';
import { group, percentText, type ReportLabels } from './report-labels.js';
import type { FailingRule, PolicyTally } from './report-model.js';

const WIDTH = 760;
const ROW = 26;
const BAR = 14;
const PASS = '#38a169';
const FAIL = '#e05252';
const NOT_APPLICABLE = '#a0aec0';
const GRID = '#d9e2ec';

/** At most this many rules are drawn; the table under the chart lists every one. */
export const CHART_RULES = 20;

/** Horizontal bars: each failing rule's share of its policy's decisions. */
export function failingRulesChart(rules: readonly FailingRule[], labels: ReportLabels): string {
  const shown = rules.slice(0, CHART_RULES);
  const [left, barWidth] = [300, 330];
  const top = 22;
  const height = top + shown.length * ROW + 6;
  const rows = shown.map((rule, i) => {
    const y = top + i * ROW;
    const width = round((rule.percent / 100) * barWidth);
    return [
      `<text class="id" x="${left - 10}" y="${y + BAR - 2}" text-anchor="end">${escapeHtml(rule.rule)}</text>`,
      `<rect x="${left}" y="${y}" width="${width}" height="${BAR}" rx="2" fill="${FAIL}"/>`,
      `<text x="${round(left + width + 8)}" y="${y + BAR - 2}">${escapeHtml(`${group(rule.count)} · ${percentText(rule.percent)}`)}</text>`,
    ].join('');
  });
  return svg('chart-failing-rules', `${labels.failingRules} (${labels.percentOfDecided})`, height, [
    axis(left, barWidth, top, height),
    ...rows,
  ]);
}

/**
 * One stacked bar per policy, as shares of its decisions: pass on the left, then the fails that
 * are not applicable (every reason a premise), then the blocked ones on the right.
 */
export function outcomesChart(policies: readonly PolicyTally[], labels: ReportLabels): string {
  const [left, barWidth] = [200, 400];
  const top = 30;
  const height = top + policies.length * ROW + 6;
  const keys: Array<[string, string]> = [
    [PASS, labels.pass],
    [NOT_APPLICABLE, labels.notApplicable],
    [FAIL, labels.blocked],
  ];
  const legend = keys.map(
    ([fill, text], i) =>
      `<rect x="${left + i * 110}" y="4" width="12" height="12" rx="2" fill="${fill}"/><text x="${left + i * 110 + 18}" y="14">${escapeHtml(text)}</text>`,
  );
  const rows = policies.map((p, i) => {
    const y = top + i * ROW;
    const share = (count: number) => (p.decided === 0 ? 0 : round((count / p.decided) * barWidth));
    const passWidth = share(p.pass);
    const naWidth = share(p.notApplicable);
    const rest = round(barWidth - passWidth - naWidth);
    // In the legend's order; the legend names them, the table under the chart spells them out.
    const counts = `${group(p.pass)} · ${group(p.notApplicable)} · ${group(p.blocked)}`;
    return [
      `<text x="${left - 10}" y="${y + BAR - 2}" text-anchor="end">${escapeHtml(p.title)}</text>`,
      `<rect x="${left}" y="${y}" width="${passWidth}" height="${BAR}" fill="${PASS}"/>`,
      `<rect x="${round(left + passWidth)}" y="${y}" width="${naWidth}" height="${BAR}" fill="${NOT_APPLICABLE}"/>`,
      `<rect x="${round(left + passWidth + naWidth)}" y="${y}" width="${rest}" height="${BAR}" fill="${p.decided === 0 ? GRID : FAIL}"/>`,
      `<text class="muted" x="${left + barWidth + 10}" y="${y + BAR - 2}">${escapeHtml(counts)}</text>`,
    ].join('');
  });
  return svg('chart-outcomes', labels.outcomes, height, [...legend, ...rows]);
}

/** Grid lines at 0, 25, 50, 75 and 100 % with their labels above. */
function axis(left: number, barWidth: number, top: number, height: number): string {
  return [0, 25, 50, 75, 100]
    .map((tick) => {
      const x = round(left + (tick / 100) * barWidth);
      return `<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${height - 4}" stroke="${GRID}" stroke-width="1"/><text class="muted" x="${x}" y="${top - 8}" text-anchor="middle">${tick}%</text>`;
    })
    .join('');
}

function svg(id: string, title: string, height: number, parts: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" id="${id}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${id}-title">`,
    `<title id="${id}-title">${escapeHtml(title)}</title>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
