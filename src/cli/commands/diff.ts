/**
 * `account-policy diff`: what a rule change can do — to any account (found without a corpus,
 * with example accounts), and, given a corpus, to each of its snapshots.
 */
import { formatDiagnostic } from '../../diagnostics.js';
import { renderSemanticDiff } from '../../analysis/render-semantic-diff.js';
import { semanticDiff } from '../../analysis/semantic-diff.js';
import { diffCorpus } from '../../diff/diff-corpus.js';
import { renderDiffText } from '../../diff/render-diff-text.js';
import type { Lang } from '../../lang.js';
import { EXIT, type CommandOutcome, type DefineCommand } from '../command.js';
import { wantsColor, type CliIo } from '../io.js';
import { formatOption, langOption, wholeNumberUpTo } from '../options.js';

export interface DiffCommandOptions {
  /** Directories, snapshot files, NDJSON files, or "-" for NDJSON on stdin. None: only what can change on any account. */
  corpus: readonly string[];
  base: string;
  rules?: string | undefined;
  now?: string | undefined;
  format: 'text' | 'json';
  lang: Lang;
  examples: number;
}

/**
 * Returns what to print, exit 0 whatever changed: the diff ran; deciding whether the change is
 * acceptable is the reviewer's job. Throws InvalidInputError on bad usage, rules or corpus.
 */
export async function diffCommand(options: DiffCommandOptions, io: CliIo): Promise<CommandOutcome> {
  if (options.corpus.length === 0) {
    const diff = await semanticDiff({ ...options, cwd: io.cwd });
    const stdout =
      options.format === 'json'
        ? `${JSON.stringify(diff, null, 2)}\n`
        : renderSemanticDiff(diff, options.lang);
    return { stdout, exitCode: EXIT.ok };
  }
  const { report, warnings } = await diffCorpus({ ...options, cwd: io.cwd, stdin: io.stdin });
  const withSemantic = { ...report, semantic: await semanticDiff({ ...options, cwd: io.cwd }) };
  const stdout =
    options.format === 'json'
      ? `${JSON.stringify(withSemantic, null, 2)}\n`
      : `${renderDiffText(report, { lang: options.lang, color: wantsColor(io) })}\n${renderSemanticDiff(withSemantic.semantic, options.lang)}`;
  const stderr = warnings.map((d) => `account-policy: ${formatDiagnostic(d)}\n`).join('');
  return { stdout, stderr, exitCode: EXIT.ok };
}

export const defineDiff: DefineCommand = (program, { io, done }) => {
  program
    .command('diff')
    .description(
      'what a rule change can do: example accounts whose decision changes, and, given a corpus, which of its decisions change',
    )
    .argument(
      '[corpus...]',
      'directory of .json/.yaml/.yml snapshots, an NDJSON file (one snapshot per line), or - for NDJSON on stdin',
    )
    .requiredOption('--base <dir>', 'rule directory in force now (the "before")')
    .option('--rules <dir>', 'proposed rule directory (the "after"; default: the shipped rules/)')
    .option(
      '--now <time>',
      "evaluation time for every snapshot, RFC 3339 with a zone offset (default: each snapshot's capturedAt)",
    )
    .addOption(formatOption())
    .addOption(langOption('language of the text output'))
    .option(
      '--examples <n>',
      'account ids listed per non-zero count; example accounts per change (at least 1)',
      wholeNumberUpTo(1000),
      3,
    )
    .action(async (corpus, flags) => done(await diffCommand({ corpus, ...flags }, io)));
};
