/** The lines `batch` ends with on stderr: counts, rate, outcomes per policy, and what was refused. */
import type { BatchSummary } from '../../batch/run-batch.js';

export function summaryText(summary: BatchSummary): string {
  const seconds = summary.elapsedMs / 1000;
  const total = summary.evaluated + summary.errors;
  const lines = [
    `batch: ${summary.evaluated} evaluated, ${summary.errors} error${summary.errors === 1 ? '' : 's'} in ${seconds.toFixed(2)} s (${Math.round(total / Math.max(seconds, 0.001))}/s)`,
  ];
  const width = Math.max(0, ...Object.keys(summary.policies).map((name) => name.length));
  for (const [name, counts] of Object.entries(summary.policies))
    lines.push(
      `  ${name.padEnd(width)}  pass ${counts.pass}  fail ${counts.fail} (not applicable ${counts.notApplicable}, blocked ${counts.blocked})`,
    );
  if (summary.errors > 0)
    lines.push(
      `  ${summary.errors} input${summary.errors === 1 ? ' was' : 's were'} refused: see the records with "kind":"error" (exit status 2)`,
    );
  return `${lines.join('\n')}\n`;
}

/** Says how many records were output but not logged again; empty when none were skipped. */
export function alreadyLoggedText(skipped: number, log: string | undefined): string {
  return skipped === 0
    ? ''
    : `  ${skipped} record${skipped === 1 ? ' was' : 's were'} already in ${log} (same decision id): output, not logged again\n`;
}
