/* Generated from schemas/decision-record.schema.json by scripts/generate-types.mjs: do not edit. */

import type { Diagnostic } from './diagnostic.js';
import type { EvaluationResult } from './evaluation-result.js';

/**
 * Only with explain: per policy evaluated, every rule (and every consequence with a condition) with the full trace of its condition — every comparison, none skipped.
 */
export type Explanation = Exclude<EvaluationResult['explanation'], undefined>;

/**
 * The account's cancellation lifecycle at the evaluation time (SPEC §2).
 */
export type Lifecycle = EvaluationResult['lifecycle'];

/**
 * One entry per policy, in the order cancel, unbind (only with a target), withdraw, phone-reuse.
 */
export type Policies = EvaluationResult['policies'];

/**
 * Which rule set decided.
 */
export type Rules = EvaluationResult['rules'];

/**
 * One line of `batch` output and one entry of the decision log: a decision (the SPEC §4 result plus what an auditor needs to identify and replay it), or an input that could not be evaluated.
 */
export type DecisionRecord = Decision | ErrorRecord;

export interface Decision {
  kind: 'decision';
  /**
   * sha256 (hex) of input.digest, rules.digest, evaluatedAt and input.unbind, one per line: replaying the same snapshot with the same rules at the same time gives the same id.
   */
  decisionId: string;
  /**
   * The snapshot's accountId.
   */
  accountId: string;
  /**
   * The evaluation time, ISO 8601 in UTC with milliseconds.
   */
  evaluatedAt: string;
  /**
   * What was evaluated.
   */
  input: {
    /**
     * sha256 of the snapshot as canonical JSON (RFC 8785): the same data gives the same digest, whatever its formatting, key order or JSON/YAML form.
     */
    digest: string;
    /**
     * The unbind target asked about, or null.
     */
    unbind: string | null;
    source?: Source;
  };
  rules: Rules;
  /**
   * The software that decided.
   */
  engine: {
    name: 'account-policy';
    version: string;
  };
  lifecycle: Lifecycle;
  policies: Policies;
  /**
   * Every reason and consequence in `policies` in both languages, by rule or consequence id, so a report can be read in either language without re-evaluating.
   */
  messages: {
    [k: string]: {
      'zh-CN': string;
      en: string;
    };
  };
  explanation?: Explanation;
}
/**
 * Where the snapshot came from: its file ("-" for stdin) and, in NDJSON, its 1-based line.
 */
export interface Source {
  file: string;
  line?: number;
}
export interface ErrorRecord {
  kind: 'error';
  input: {
    source: Source;
  };
  /**
   * Why it could not be evaluated: the same diagnostics `evaluate` prints.
   *
   * @minItems 1
   */
  diagnostics: [Diagnostic, ...Diagnostic[]];
}
