/** The evaluation options a caller may give, with every default filled and every value checked in one place. */
import type { Diagnostic } from '../diagnostics.js';
import { ENGINE_NAMES, type EngineName } from '../engine/condition-engine.js';
import { epochMs } from '../facts/time.js';
import { isLang, type Lang } from '../lang.js';
import { isDateTime } from '../validate/schemas.js';

export type { EngineName };

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

export interface Resolved {
  now: number | undefined;
  unbind: string | undefined;
  lang: Lang;
  explain: boolean;
  engine: EngineName;
}

export type ResolvedOutcome =
  { ok: true; options: Resolved } | { ok: false; diagnostics: Diagnostic[] };

export function resolveOptions(options: EvaluateOptions): ResolvedOutcome {
  const problems: Diagnostic[] = [];
  const now = nowOption(options.now, problems);
  if (options.unbind !== undefined && options.unbind === '') {
    problems.push(usage('unbind', 'must be a binding id, got an empty string'));
  }
  const lang = options.lang ?? 'zh-CN';
  if (!isLang(lang))
    problems.push(usage('lang', `must be zh-CN or en, got ${JSON.stringify(lang)}`));
  const engine = options.engine ?? 'compiled';
  if (!ENGINE_NAMES.includes(engine)) {
    problems.push(usage('engine', `must be compiled or reference, got ${JSON.stringify(engine)}`));
  }
  if (problems.length > 0) return { ok: false, diagnostics: problems };
  const explain = options.explain ?? false;
  return { ok: true, options: { now, unbind: options.unbind, lang, explain, engine } };
}

function nowOption(now: EvaluateOptions['now'], problems: Diagnostic[]): number | undefined {
  if (now instanceof Date) {
    const ms = now.getTime();
    if (!Number.isFinite(ms)) problems.push(usage('now', 'must be a valid Date'));
    return ms;
  }
  if (typeof now !== 'string') return undefined;
  const ms = nowMs(now);
  if (ms === undefined) {
    problems.push(
      usage(
        'now',
        `must be an RFC 3339 date-time with a zone offset, e.g. 2026-11-24T08:00:00+08:00, got ${JSON.stringify(now)}`,
      ),
    );
  }
  return ms;
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
