/** `account-policy report`: a summary and per-account report over decision records and/or snapshots. */
import { Option } from '@commander-js/extra-typings';
import { formatDiagnostic } from '../../diagnostics.js';
import { openOutput } from '../../output/open-output.js';
import type { ReportOptions } from '../../report/build-report.js';
import { group } from '../../report/report-labels.js';
import {
  DEFAULT_MAX_ACCOUNTS,
  REPORT_FORMATS,
  type ReportFormat,
} from '../../report/report-formats.js';
import { EXIT, type CommandOutcome, type DefineCommand } from '../command.js';
import type { CliIo } from '../io.js';
import { langOption, wholeNumberUpTo } from '../options.js';

export interface ReportCommandOptions extends Omit<ReportOptions, 'cwd' | 'stdin'> {
  format: ReportFormat;
  /** Write the report here (atomically) instead of stdout. Default: stdout. */
  out?: string | undefined;
}

/**
 * Returns what to print, exit 0 whatever the outcomes and however many inputs were bad: the
 * report counts them. Throws InvalidInputError on bad usage, rules, input sources or --out.
 */
export async function reportCommand(
  flags: ReportCommandOptions,
  io: CliIo,
): Promise<CommandOutcome> {
  // csv, junit and json list every account unless --max-accounts is given; html and md keep a cap.
  const maxAccounts = flags.maxAccounts ?? DEFAULT_MAX_ACCOUNTS[flags.format];
  const options = { ...flags, maxAccounts, cwd: io.cwd, stdin: io.stdin };
  // Before any work: an --out that is an input, or cannot be written, is refused at once.
  const toStdout = options.out === undefined || options.out === '-';
  const inputs = { sources: options.inputs, rules: options.rules, stdin: options.stdin };
  const output = toStdout ? undefined : await openOutput({ out: options.out, cwd: io.cwd, inputs });
  try {
    const { text, notes } = await renderFor(options);
    if (!output) return { stdout: text, stderr: notes, exitCode: EXIT.ok };
    await output.write(text);
    await output.commit();
    return { stdout: '', stderr: notes, exitCode: EXIT.ok };
  } catch (error) {
    await output?.abort();
    throw error;
  }
}

async function renderFor(
  options: ReportOptions & ReportCommandOptions,
): Promise<{ text: string; notes: string }> {
  // Loaded only when a report is made: the renderers' libraries cost every other command start-up time.
  const { buildReport } = await import('../../report/build-report.js');
  const { renderReport } = await import('../../report/render-report.js');
  const { report, warnings } = await buildReport(options);
  const text = renderReport(report, options.format);
  const notes = [...warnings, ...report.warnings].map(
    (d) => `account-policy: ${formatDiagnostic(d)}\n`,
  );
  // CSV and JUnit have no place for a sentence: when --max-accounts capped them, say it here.
  const { shown, total } = report.accounts;
  if (shown < total && (options.format === 'csv' || options.format === 'junit')) {
    notes.push(
      `account-policy: the report lists the first ${group(shown)} of ${group(total)} accounts; raise --max-accounts to list more (the summary counts all)\n`,
    );
  }
  return { text, notes: notes.join('') };
}

export const defineReport: DefineCommand = (program, { io, done }) => {
  program
    .command('report')
    .description(
      'summarise decision records (from batch) and/or snapshots as an HTML, Markdown, CSV, JUnit or JSON report',
    )
    .argument(
      '<inputs...>',
      'NDJSON files of decision records or snapshots, a decision log (verified first; refused unless intact, docs/reports.md), .json/.yaml/.yml snapshot files, directories of them, or - for NDJSON on stdin',
    )
    .addOption(
      new Option('--format <format>', 'report format')
        .choices(REPORT_FORMATS)
        .makeOptionMandatory(),
    )
    .option(
      '--out <file>',
      'write the report to this file, replacing it atomically (never one of the inputs; - for stdout; default: stdout)',
    )
    .addOption(langOption('language of titles and reasons'))
    .option(
      '--max-accounts <n>',
      `accounts (and errors) listed one by one; the summary always counts all (default: all for csv, junit and json; ${String(DEFAULT_MAX_ACCOUNTS.html)} for html and md)`,
      wholeNumberUpTo(10_000_000),
    )
    .option(
      '--now <time>',
      "evaluation time for snapshots, RFC 3339 with a zone offset (default: each snapshot's capturedAt; records keep theirs)",
    )
    .option(
      '--rules <dir>',
      'rule directory that evaluates snapshots, names rules and says which are premises (not applicable vs blocked) (default: the shipped rules/)',
    )
    .action(async (inputs, flags) => done(await reportCommand({ inputs, ...flags }, io)));
};
