/** The HTML report's provenance section: the verified log head, the verdict, each input's digest. */
import { escapeHtml as e } from './escape-html.js';
import { PROVENANCE_LABELS } from './provenance-labels.js';
import type { Report } from './report-model.js';

export function logProvenanceSection(report: Report): string {
  const l = PROVENANCE_LABELS[report.lang];
  const { provenance } = report;
  const head = provenance.logHead
    ? `seq <code>${provenance.logHead.seq}</code>, hash <code>${e(provenance.logHead.hash)}</code>`
    : e(l.noLog);
  const rows = provenance.inputs.map(
    (input) =>
      `<tr><td><code>${e(input.file)}</code></td><td>${e(l.kinds[input.kind])}</td><td>${input.digest === null ? e(l.noDigest) : `<code>${e(input.digest)}</code>`}</td></tr>`,
  );
  return [
    `<section class="keep" id="provenance"><h2>${e(l.provenance)}</h2>`,
    '<dl class="meta">',
    `<dt>${e(l.logHead)}</dt><dd id="log-head">${head}</dd>`,
    `<dt>${e(l.verified)}</dt><dd id="verified">${e(provenance.verified ? l.verifiedYes : l.verifiedNo)}</dd>`,
    '</dl>',
    `<table><thead><tr><th>${e(l.file)}</th><th>${e(l.kind)}</th><th>${e(l.fileDigest)}</th></tr></thead>`,
    `<tbody>${rows.join('')}</tbody></table>`,
    '</section>',
  ].join('\n');
}
