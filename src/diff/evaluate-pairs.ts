/**
 * Evaluates every corpus entry under the base and the new rule set at the same evaluation time.
 * Each side keeps either its result or its diagnostics: a bad snapshot is counted, never fatal.
 */
import type { Diagnostic } from '../diagnostics.js';
import { onInputLine } from '../load/on-input-line.js';
import { renderDecision } from '../render/decision.js';
import type { EvaluationResult } from '../generated/evaluation-result.js';
import type { Policy } from '../evaluate/policy.js';
import type { Rendered } from './compare-messages.js';
import type { CorpusEntry } from './read-corpus.js';

/** `result`: the decision, in zh-CN; `rendered`: it in every language, to compare the words. */
export type SideOutcome =
  | { ok: true; result: EvaluationResult; rendered: Rendered }
  | { ok: false; diagnostics: readonly Diagnostic[] };

export interface EvaluatedPair {
  entry: CorpusEntry;
  base: SideOutcome;
  next: SideOutcome;
}

export interface PairOptions {
  /** The evaluation time for every snapshot; undefined: each snapshot's capturedAt. */
  now: string | undefined;
  /** Entries evaluated at once. Evaluations are independent, so any bound is safe. */
  concurrency: number;
}

/** Results in corpus order, whatever order the evaluations finish in. */
export async function evaluatePairs(
  entries: readonly CorpusEntry[],
  base: Policy,
  next: Policy,
  options: PairOptions,
): Promise<EvaluatedPair[]> {
  const pairs: EvaluatedPair[] = [];
  for (let start = 0; start < entries.length; start += options.concurrency) {
    const chunk = entries.slice(start, start + options.concurrency);
    pairs.push(
      ...(await Promise.all(chunk.map((entry) => evaluatePair(entry, base, next, options.now)))),
    );
  }
  return pairs;
}

async function evaluatePair(
  entry: CorpusEntry,
  base: Policy,
  next: Policy,
  now: string | undefined,
): Promise<EvaluatedPair> {
  const baseSide = await evaluateSide(base, entry, now);
  // A snapshot without capturedAt is evaluated at the clock: pin the new side to the instant the
  // base side used, so that a decision never flips merely because milliseconds passed.
  const nextSide = await evaluateSide(
    next,
    entry,
    now ?? (baseSide.ok ? baseSide.result.evaluatedAt : undefined),
  );
  return { entry, base: baseSide, next: nextSide };
}

async function evaluateSide(
  policy: Policy,
  entry: CorpusEntry,
  now: string | undefined,
): Promise<SideOutcome> {
  if (entry.unreadable) return { ok: false, diagnostics: entry.unreadable };
  const outcome = await policy.decide(
    { text: entry.text, file: entry.file, format: entry.format },
    { now },
  );
  if (!outcome.ok) return { ok: false, diagnostics: onInputLine(outcome.diagnostics, entry.line) };
  const rendered = {
    'zh-CN': await renderDecision(outcome.decision, 'zh-CN'),
    en: await renderDecision(outcome.decision, 'en'),
  };
  return { ok: true, result: rendered['zh-CN'], rendered };
}
