/**
 * Impact analysis of a rule change: evaluates every snapshot of a corpus under a base rule set
 * and a new one, at the same evaluation time, and reports which decisions flip.
 */
import { InvalidInputError, type Diagnostic } from '../diagnostics.js';
import { resolveOptions } from '../evaluate/options.js';
import { createPolicy } from '../evaluate/policy.js';
import { loadRuleSetPair } from '../rules/load-rule-set-pair.js';
import type { DiffReport } from './diff-report.js';
import { evaluatePairs } from './evaluate-pairs.js';
import { readCorpus } from './read-corpus.js';
import { tallyDiff } from './tally-diff.js';

export interface DiffOptions {
  /** Directory of the rule set in force (the "before"). Required. */
  base: string;
  /** Directory of the proposed rule set (the "after"). Default: the rules/ shipped with the package. */
  rules?: string | undefined;
  /** Directories of .json/.yaml/.yml snapshots, single snapshot files, NDJSON files, or "-" (NDJSON on stdin). Required, at least one. */
  corpus: readonly string[];
  /** Evaluation time for every snapshot, RFC 3339 with a zone offset. Default: each snapshot's capturedAt. */
  now?: string | undefined;
  /** Account ids listed per non-zero count. Default: 3. */
  examples?: number | undefined;
  /** Snapshots evaluated at once. Default: 32. */
  concurrency?: number | undefined;
  /** Relative paths are read from here. Default: process.cwd(). */
  cwd?: string | undefined;
  /** Read for "-". Default: process.stdin. */
  stdin?: NodeJS.ReadableStream | undefined;
}

export interface DiffOutcome {
  report: DiffReport;
  /** Warnings from loading either rule set (e.g. a public rule id removed): worth a reviewer's eye. */
  warnings: Diagnostic[];
}

/** Throws InvalidInputError for bad options, an unloadable rule set or an unreadable corpus. */
export async function diffCorpus(options: DiffOptions): Promise<DiffOutcome> {
  const examples = options.examples ?? 3;
  const concurrency = options.concurrency ?? 32;
  checkOptions(options, examples, concurrency);
  const cwd = options.cwd ?? process.cwd();
  // Each rule set is loaded once and shared by every evaluation.
  const { base, next, warnings } = await loadRuleSetPair(options.base, options.rules, cwd);
  const entries = await readCorpus(options.corpus, { cwd, stdin: options.stdin });
  const pairs = await evaluatePairs(entries, createPolicy(base), createPolicy(next), {
    now: options.now,
    concurrency,
  });
  const report = tallyDiff(pairs, {
    base: { ruleSet: base, dir: options.base },
    next: { ruleSet: next, dir: options.rules ?? null },
    now: options.now,
    examples,
  });
  // loadPolicy would drop these; a reviewer of a rule change needs them.
  return { report, warnings };
}

/** Bad options are refused up front: otherwise a bad --now would count every snapshot as invalid. */
function checkOptions(options: DiffOptions, examples: number, concurrency: number): void {
  const problems: Diagnostic[] = [];
  const resolved = resolveOptions({ now: options.now });
  if (!resolved.ok) problems.push(...resolved.diagnostics);
  if (!Number.isInteger(examples) || examples < 0)
    problems.push(usage(`examples: must be a whole number ≥ 0, got ${String(examples)}`));
  if (!Number.isInteger(concurrency) || concurrency < 1)
    problems.push(usage(`concurrency: must be a whole number ≥ 1, got ${String(concurrency)}`));
  if (options.corpus.length === 0)
    problems.push(usage('corpus: give at least one directory, NDJSON file, or - for stdin'));
  if (problems.length > 0) throw new InvalidInputError(problems);
}

function usage(message: string): Diagnostic {
  return { severity: 'error', code: 'usage', message };
}
