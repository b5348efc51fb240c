/**
 * The pipeline: validated snapshot → evaluation time → time checks → lifecycle → facts →
 * json-rules-engine → rendered result. Nothing is evaluated unless every check passed.
 */
import { InvalidInputError, type Diagnostic } from '../diagnostics.js';
import type { EntryTrace, EvaluationResult } from '../generated/evaluation-result.js';
import type { Facts } from '../generated/facts.js';
import { explainConditions } from '../engine/explain.js';
import { deriveFacts } from '../facts/derive-facts.js';
import { lifecycleAt } from '../facts/lifecycle.js';
import { epochMs } from '../facts/time.js';
import type { ParsedDocument } from '../load/parse-document.js';
import { runConditions, type ConditionEntry } from '../engine/run-conditions.js';
import { buildResult } from '../render/result.js';
import type { Lang } from '../render/template.js';
import type { PolicyDefinition, RuleSet } from '../rules/rule-set.js';
import { checkTimes } from '../facts/check-times.js';
import { validateSnapshot } from '../validate/validate-snapshot.js';
import { isDateTime } from '../validate/schemas.js';

export interface EvaluateOptions {
  /**
   * The evaluation time: an RFC 3339 date-time with a zone offset, or a Date.
   * Default: the snapshot's `capturedAt`, else the current clock.
   */
  now?: string | Date | undefined;
  /** A binding id (bank card or authorization): also evaluate the `unbind` policy for it. Default: none. */
  unbind?: string | undefined;
  /** Language of reasons and consequences. Default: 'zh-CN'. */
  lang?: Lang | undefined;
  /** Add `explanation`: every condition of every rule with the values it compared. Default: false. */
  explain?: boolean | undefined;
  /**
   * 'compiled': the rules' conditions compiled to closures at load (fast). 'reference': run
   * through json-rules-engine; the two must agree (a differential test holds them together).
   * Default: 'compiled'.
   */
  engine?: EngineName | undefined;
}

export type EngineName = 'compiled' | 'reference';

export interface Resolved {
  now: number | undefined;
  unbind: string | undefined;
  lang: Lang;
  explain: boolean;
  engine: EngineName;
}

/** Fills every default and checks every option, in one place. */
export function resolveOptions(
  options: EvaluateOptions,
): { ok: true; options: Resolved } | { ok: false; diagnostics: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  let now: number | undefined;
  if (options.now instanceof Date) {
    now = options.now.getTime();
    if (!Number.isFinite(now)) problems.push(usage('now', 'must be a valid Date'));
  } else if (typeof options.now === 'string') {
    now = nowMs(options.now);
    if (now === undefined)
      problems.push(
        usage(
          'now',
          `must be an RFC 3339 date-time with a zone offset, e.g. 2026-11-24T08:00:00+08:00, got ${JSON.stringify(options.now)}`,
        ),
      );
  }
  if (options.unbind !== undefined && options.unbind === '')
    problems.push(usage('unbind', 'must be a binding id, got an empty string'));
  const lang = options.lang ?? 'zh-CN';
  if (lang !== 'zh-CN' && lang !== 'en')
    problems.push(usage('lang', `must be zh-CN or en, got ${JSON.stringify(lang)}`));
  const engine = options.engine ?? 'compiled';
  if (engine !== 'compiled' && engine !== 'reference')
    problems.push(usage('engine', `must be compiled or reference, got ${JSON.stringify(engine)}`));
  if (problems.length > 0) return { ok: false, diagnostics: problems };
  return {
    ok: true,
    options: { now, unbind: options.unbind, lang, explain: options.explain ?? false, engine },
  };
}

/** A batch passes the same `now` millions of times: check and parse it once. */
let lastNow: { text: string; ms: number | undefined } | undefined;

function nowMs(text: string): number | undefined {
  if (lastNow?.text !== text) lastNow = { text, ms: isDateTime(text) ? epochMs(text) : undefined };
  return lastNow.ms;
}

function usage(option: string, message: string): Diagnostic {
  return { severity: 'error', code: 'usage', message: `${option}: ${message}` };
}

/** One evaluation before rendering: the facts, and what every condition said about them. */
export interface Decision {
  ruleSet: RuleSet;
  /** The policies evaluated (unbind only with a target), in output order. */
  policies: readonly PolicyDefinition[];
  facts: Facts;
  entries: readonly ConditionEntry[];
  held: ReadonlyMap<string, boolean>;
  options: Resolved;
}

/** Validates, derives the facts and runs the rules; throws InvalidInputError with diagnostics on bad input. */
export async function decide(
  ruleSet: RuleSet,
  document: ParsedDocument,
  file: string,
  options: EvaluateOptions,
): Promise<Decision> {
  const resolved = resolveOptions(options);
  if (!resolved.ok) throw new InvalidInputError(resolved.diagnostics);
  const validation = validateSnapshot(document, file);
  if (!validation.ok) throw new InvalidInputError(validation.diagnostics);
  const { snapshot } = validation;
  const { unbind } = resolved.options;
  const nowMs =
    resolved.options.now ??
    (snapshot.capturedAt !== undefined ? epochMs(snapshot.capturedAt) : Date.now());

  const timeProblems = checkTimes(snapshot, nowMs, ruleSet.parameters, document, file);
  if (timeProblems.length > 0) throw new InvalidInputError(timeProblems);

  const lifecycle = lifecycleAt(snapshot.cancellation, nowMs, ruleSet.parameters);
  const facts = deriveFacts({
    snapshot,
    parameters: ruleSet.parameters,
    nowMs,
    lifecycle,
    target: unbind,
  });
  const { policies, entries } = plan(ruleSet, unbind !== undefined);
  const held =
    resolved.options.engine === 'reference'
      ? await runConditions(entries, facts)
      : compiledVerdicts(entries, facts);
  return { ruleSet, policies, facts, entries, held, options: resolved.options };
}

function compiledVerdicts(entries: readonly ConditionEntry[], facts: Facts): Map<string, boolean> {
  const held = new Map<string, boolean>();
  for (const entry of entries) held.set(entry.id, entry.compiled.holds(facts));
  return held;
}

interface Plan {
  policies: readonly PolicyDefinition[];
  entries: readonly ConditionEntry[];
}

/** Which policies and conditions an evaluation runs depends only on the rule set and whether there is a target. */
const plans = new WeakMap<RuleSet, { withTarget: Plan; withoutTarget: Plan }>();

function plan(ruleSet: RuleSet, withTarget: boolean): Plan {
  let cached = plans.get(ruleSet);
  if (!cached) {
    const build = (target: boolean): Plan => {
      const policies = ruleSet.policies.filter((policy) => !policy.requiresTarget || target);
      const entries = policies.flatMap((policy) => [
        ...policy.rules.map((rule) => ({
          id: rule.id,
          condition: rule.holdsWhen,
          compiled: rule.compiled,
        })),
        ...policy.consequences.flatMap((c) =>
          c.appliesWhen && c.compiled
            ? [{ id: c.id, condition: c.appliesWhen, compiled: c.compiled }]
            : [],
        ),
      ]);
      return { policies, entries };
    };
    cached = { withTarget: build(true), withoutTarget: build(false) };
    plans.set(ruleSet, cached);
  }
  return withTarget ? cached.withTarget : cached.withoutTarget;
}

/** The SPEC §4 result of a decision, in `lang` (default: the requested one), with the trace if asked for. */
export async function renderDecision(
  decision: Decision,
  lang: Lang = decision.options.lang,
): Promise<EvaluationResult> {
  const { ruleSet, policies, facts, entries, held } = decision;
  const result = buildResult(ruleSet, policies, facts, held, lang);
  if (!decision.options.explain) return result;
  return {
    ...result,
    explanation: await explanation(policies, entries, facts, held, decision.options.engine),
  };
}

/** Evaluates one parsed snapshot document; throws InvalidInputError with diagnostics on bad input. */
export async function evaluateDocument(
  ruleSet: RuleSet,
  document: ParsedDocument,
  file: string,
  options: EvaluateOptions,
): Promise<EvaluationResult> {
  return renderDecision(await decide(ruleSet, document, file, options));
}

/**
 * The trace of every entry, per policy. It is computed separately from the decision, so it is
 * checked against it: a trace that disagrees is a bug, and reporting it would mislead an auditor.
 */
async function explanation(
  policies: readonly PolicyDefinition[],
  entries: readonly ConditionEntry[],
  facts: Facts,
  held: ReadonlyMap<string, boolean>,
  engine: EngineName,
): Promise<NonNullable<EvaluationResult['explanation']>> {
  const traces =
    engine === 'reference'
      ? await explainConditions(entries, facts)
      : new Map(entries.map((entry) => [entry.id, entry.compiled.trace(facts)]));
  const entry = (id: string, kind: EntryTrace['kind']): EntryTrace => {
    const condition = traces.get(id);
    if (!condition || condition.result !== held.get(id))
      throw new Error(`explain: the trace of ${id} disagrees with its evaluation`);
    return { id, kind, holds: condition.result, condition };
  };
  const explained: NonNullable<EvaluationResult['explanation']> = {};
  for (const policy of policies) {
    explained[policy.name] = [
      ...policy.rules.map((rule) => entry(rule.id, 'rule')),
      ...policy.consequences.flatMap((c) => (c.appliesWhen ? [entry(c.id, 'consequence')] : [])),
    ];
  }
  return explained;
}
