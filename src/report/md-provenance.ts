/** The Markdown report's provenance: the verified log head (or that there is none), the verdict, each input's digest. */
import { mdCode, mdText } from './md-text.js';
import { PROVENANCE_LABELS } from './provenance-labels.js';
import type { Report } from './report-model.js';

export function provenanceBlocks(report: Report): string[] {
  const l = PROVENANCE_LABELS[report.lang];
  const { provenance } = report;
  const colon = report.lang === 'zh-CN' ? '：' : ':';
  const head = provenance.logHead
    ? mdText(l.headSentence(provenance.logHead.seq, provenance.logHead.hash))
    : `**${mdText(l.logHead + colon)}** ${mdText(l.noLog)}`;
  const verdict = `**${mdText(l.verified + colon)}** ${mdText(provenance.verified ? l.verifiedYes : l.verifiedNo)}`;
  const rows = provenance.inputs.map(
    (input) =>
      `| ${mdCode(input.file)} | ${mdText(l.kinds[input.kind])} | ${input.digest === null ? mdText(l.noDigest) : mdCode(input.digest)} |`,
  );
  return [
    `## ${mdText(l.provenance)}`,
    `${head}\n\n${verdict}`,
    [
      `| ${mdText(l.file)} | ${mdText(l.kind)} | ${mdText(l.fileDigest)} |`,
      '| --- | --- | --- |',
      ...rows,
    ].join('\n'),
  ];
}
