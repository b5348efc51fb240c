/**
 * The report over decision records and/or snapshots: streams the input, evaluates snapshots a
 * few at a time (in input order, whatever order they finish in) and tallies as it goes.
 */
import { InvalidInputError, type Diagnostic } from '../diagnostics.js';
import { resolveOptions } from '../evaluate/options.js';
import { paths } from '../paths.js';
import { createPolicy } from '../evaluate/policy.js';
import type { Lang } from '../lang.js';
import { loadRuleSet } from '../rules/load-rule-set.js';
import { DEFAULT_TIME_ZONE } from '../rules/time-zone.js';
import { premiseIds } from '../rules/rule-set.js';
import { readEntry, type EntryContext, type ReportEntry } from './read-entry.js';
import { inspectSources, provenanceOf } from './report-provenance.js';
import { readReportInput, type InputItem } from './read-report-input.js';
import type { Report } from './report-model.js';
import { ReportTally } from './report-tally.js';

export interface ReportOptions {
  /** NDJSON files of decision records or snapshots, at most one decision log (verified first, refused unless intact: docs/reports.md), snapshot files, directories, or "-" (NDJSON on stdin). Required, at least one. */
  inputs: readonly string[];
  /**
   * Rule directory that evaluates snapshots, names rules in the summary and says which rule ids
   * are premises (notApplicable vs blocked), for records made under any rule set too. Default:
   * the shipped rules/.
   */
  rules?: string | undefined;
  /** Evaluation time for snapshots, RFC 3339 with a zone offset (records keep theirs). Default: each snapshot's capturedAt. */
  now?: string | undefined;
  /** Language of titles and reasons. Default: 'zh-CN'. */
  lang?: Lang | undefined;
  /**
   * Accounts (and errors) listed one by one; the summary always counts them all. Default: every
   * one (memory then grows with the input). The CLI caps html and md at 1000 by default
   * (DEFAULT_MAX_ACCOUNTS in report-formats.ts).
   */
  maxAccounts?: number | undefined;
  /** Snapshots evaluated at once. Default: 32. */
  concurrency?: number | undefined;
  /** Relative paths are read from here. Default: process.cwd(). */
  cwd?: string | undefined;
  /** Read for "-". Default: process.stdin. */
  stdin?: NodeJS.ReadableStream | undefined;
}

export interface ReportOutcome {
  report: Report;
  /** Warnings from loading the rule set (e.g. a public rule id gone missing). */
  warnings: Diagnostic[];
}

/** Throws InvalidInputError for bad options, a rule set that does not load, or an unreadable or empty source. */
export async function buildReport(options: ReportOptions): Promise<ReportOutcome> {
  const resolved = resolveReportOptions(options);
  const readOptions = { cwd: resolved.cwd, stdin: options.stdin };
  const loaded = await loadRuleSet(options.rules ?? paths.rules, { cwd: resolved.cwd });
  if (!loaded.ok)
    throw new InvalidInputError(loaded.diagnostics.filter((d) => d.severity === 'error'));

  const sources = await inspectSources(options.inputs, resolved.cwd);
  const logs = new Map(sources.flatMap((s) => (s.log ? [[s.source, s.log] as const] : [])));
  const fromRecords = new Set<number>();
  const context: EntryContext = { policy: createPolicy(loaded.ruleSet), now: options.now };
  const tally = new ReportTally({
    ruleSet: loaded.ruleSet,
    lang: resolved.lang,
    maxAccounts: resolved.maxAccounts,
  });
  let chunk: InputItem[] = [];
  const flush = async () => {
    const entries = await Promise.all(chunk.map((item) => readEntry(item, context)));
    for (const [index, entry] of entries.entries()) {
      if (isFromRecord(entry)) fromRecords.add(chunk[index]!.source ?? -1);
      tally.add(entry);
    }
    chunk = [];
  };
  for await (const item of readReportInput(options.inputs, readOptions, logs)) {
    chunk.push(item);
    if (chunk.length >= resolved.concurrency) await flush();
  }
  await flush();

  const counted = tally.result();
  const digests = counted.summary.rulesDigests.map((t) => t.value);
  const report: Report = {
    lang: resolved.lang,
    inputs: [...options.inputs],
    now: options.now ?? null,
    ruleSet: {
      dir: options.rules ?? null,
      digest: loaded.ruleSet.digest,
      premises: premiseIds(loaded.ruleSet),
      timeZone: loaded.ruleSet.parameters.timeZone ?? DEFAULT_TIME_ZONE,
    },
    provenance: await provenanceOf(sources, fromRecords, digests, resolved.cwd),
    ...counted,
  };
  return { report, warnings: loaded.diagnostics.filter((d) => d.severity === 'warning') };
}

/** A decision or error that a record in the input stated (not a snapshot evaluated here). */
function isFromRecord(entry: ReportEntry): boolean {
  return entry.kind === 'decision' ? !entry.evaluatedHere : entry.error.record !== null;
}

/** Every default filled and every option checked in one place, before any input is read. */
function resolveReportOptions(options: ReportOptions): {
  lang: Lang;
  maxAccounts: number;
  concurrency: number;
  cwd: string;
} {
  const problems: Diagnostic[] = [];
  const lang = options.lang ?? 'zh-CN';
  const maxAccounts = options.maxAccounts ?? Number.POSITIVE_INFINITY;
  const concurrency = options.concurrency ?? 32;
  const evaluation = resolveOptions({ now: options.now, lang });
  if (!evaluation.ok) problems.push(...evaluation.diagnostics);
  if (options.maxAccounts !== undefined && !(Number.isInteger(maxAccounts) && maxAccounts >= 0))
    problems.push(usage(`max-accounts: must be a whole number ≥ 0, got ${String(maxAccounts)}`));
  if (!Number.isInteger(concurrency) || concurrency < 1)
    problems.push(usage(`concurrency: must be a whole number ≥ 1, got ${String(concurrency)}`));
  if (options.inputs.length === 0)
    problems.push(
      usage('inputs: give at least one NDJSON file, snapshot file, directory, or - for stdin'),
    );
  if (problems.length > 0) throw new InvalidInputError(problems);
  return { lang, maxAccounts, concurrency, cwd: options.cwd ?? process.cwd() };
}

function usage(message: string): Diagnostic {
  return { severity: 'error', code: 'usage', message };
}
