/**
 * The report page's only style sheet, inlined so the file is self-contained. Light colours only:
 * the page must print on white paper as it looks on screen. The font stack reaches a CJK face
 * on every common system (macOS, Windows, Linux with Noto or WenQuanYi) before the generic one.
 */
const SANS = [
  '-apple-system',
  '"Segoe UI"',
  '"Helvetica Neue"',
  'Arial',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  '"WenQuanYi Micro Hei"',
  'sans-serif',
].join(', ');
const MONO =
  'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "Noto Sans Mono CJK SC", monospace';

export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1f2933; font: 14px/1.6 ${SANS}; }
main { max-width: 1120px; margin: 0 auto; padding: 32px 24px 48px; }
h1 { font-size: 24px; margin: 0 0 8px; letter-spacing: 0.01em; }
h2 { font-size: 18px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 2px solid #d9e2ec; }
code, .id { font-family: ${MONO}; font-size: 12.5px; }
.meta { margin: 0; color: #52606d; font-size: 13px; }
.meta dt { float: left; clear: left; width: 9em; }
.meta dd { margin: 0 0 2px 9em; overflow-wrap: anywhere; }
.cards { display: grid; grid-template-columns: repeat(6, 1fr); gap: 12px; margin: 24px 0 8px; }
@media screen and (max-width: 800px) { .cards { grid-template-columns: repeat(2, 1fr); } }
.card { border: 1px solid #d9e2ec; border-radius: 8px; padding: 12px 16px; background: #f8fafc; }
.card .value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.card.wide { grid-column: span 2; }
.card .value.small { font-size: 15px; line-height: 1.5; padding-top: 4px; font-variant-numeric: tabular-nums; }
.card .label { color: #52606d; font-size: 12px; }
.note { color: #52606d; margin: 8px 0; }
.warning { border-left: 4px solid #d69e2e; background: #fffbea; padding: 8px 12px; margin: 8px 0; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; font-size: 13px; margin: 8px 0; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #e4e7eb; }
th { background: #f1f4f8; font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.pass { color: #276749; font-weight: 600; }
.fail { color: #c53030; font-weight: 600; }
.reasons { margin: 2px 0 0; padding-left: 1.2em; }
.reasons li { margin: 2px 0; }
.ref { color: #7b8794; font-size: 11.5px; white-space: nowrap; }
.where { color: #7b8794; font-size: 11.5px; overflow-wrap: anywhere; }
.accounts td:first-child { width: 17%; overflow-wrap: anywhere; }
.accounts th { min-width: 6em; }
figure { margin: 12px 0; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font-family: ${SANS}; font-size: 12px; fill: #1f2933; }
svg text.id { font-family: ${MONO}; font-size: 11.5px; }
svg text.muted { fill: #52606d; }
footer { margin-top: 40px; padding-top: 12px; border-top: 1px solid #d9e2ec; color: #7b8794; font-size: 12px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 11px; }
  main { max-width: none; padding: 0; }
  .card, th, .warning { background: #fff; }
  h2 { break-after: avoid; }
  figure, .cards, .keep { break-inside: avoid; }
  .accounts-section { break-before: page; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  svg, .pass, .fail { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;
