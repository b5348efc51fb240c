/**
 * The library's entry point: load a rule set once, decide many snapshots with it.
 * `decide` returns problems as data; evaluate/evaluateText/record/recordText are thin
 * conveniences over it that throw InvalidInputError instead.
 */
import { boundDiagnostics, InvalidInputError, type Diagnostic } from '../diagnostics.js';
import type { EvaluationResult } from '../generated/evaluation-result.js';
import { copyPlainData, NotPlainDataError } from '../load/copy-plain-data.js';
import type { ParsedDocument, TextFormat } from '../load/document.js';
import { parseDocumentText } from '../load/parse-document.js';
import { formatOf } from '../load/read-text.js';
import { paths } from '../paths.js';
import { renderDecision, type Decision } from '../render/decision.js';
import { decisionRecord, type DecidedRecord, type Source } from '../render/record.js';
import { loadRuleSet } from '../rules/load-rule-set.js';
import type { RuleSet } from '../rules/rule-set.js';
import { decide, prepare } from './decide.js';
import type { EvaluateOptions } from './options.js';

export interface LoadPolicyOptions {
  /** Directory holding the rule files. Default: the rules/ shipped with the package. */
  rules?: string | undefined;
  /** A relative `rules` is read from here. Default: process.cwd(). */
  cwd?: string | undefined;
}

export interface TextInput {
  text: string;
  /** Named in diagnostics. Default: "snapshot". */
  file?: string | undefined;
  /** Default: from the file's extension, else JSON when the text starts with { or [, else YAML. */
  format?: TextFormat | undefined;
}

/** A snapshot as a value (e.g. from JSON.parse), or as JSON or YAML text (diagnostics then carry line:col). */
export type PolicyInput = { snapshot: unknown } | TextInput;

export type Decided =
  | {
      ok: true;
      decision: Decision;
      /** The snapshot as read: what the record's digest is over. */ snapshot: unknown;
    }
  | { ok: false; diagnostics: Diagnostic[] };

export interface EvaluateTextOptions extends EvaluateOptions, Omit<TextInput, 'text'> {}

export interface RecordOptions extends EvaluateOptions {
  /** Where the snapshot came from, kept in the record. Default: none. */
  source?: Source | undefined;
}

export interface Policy {
  readonly ruleSet: RuleSet;
  /** What loading the rule set warned about (e.g. a public rule id gone missing); never errors. */
  readonly warnings: readonly Diagnostic[];
  /** Decides a snapshot; every problem with it or with an option comes back as diagnostics. */
  decide(input: PolicyInput, options?: EvaluateOptions): Promise<Decided>;
  /** The SPEC §4 result of a snapshot value; throws InvalidInputError when decide would not decide. */
  evaluate(snapshot: unknown, options?: EvaluateOptions): Promise<EvaluationResult>;
  /** The SPEC §4 result of JSON or YAML text; throws like evaluate. */
  evaluateText(text: string, options?: EvaluateTextOptions): Promise<EvaluationResult>;
  /** A snapshot value's decision record (docs/audit.md); throws like evaluate. */
  record(snapshot: unknown, options?: RecordOptions): Promise<DecidedRecord>;
  /** JSON or YAML text's decision record; throws like evaluate. */
  recordText(text: string, options?: EvaluateTextOptions & RecordOptions): Promise<DecidedRecord>;
}

/** Loads and checks a rule set. Throws InvalidInputError listing every problem in it. */
export async function loadPolicy(options: LoadPolicyOptions = {}): Promise<Policy> {
  const outcome = await loadRuleSet(options.rules ?? paths.rules, { cwd: options.cwd });
  if (!outcome.ok) throw new InvalidInputError(outcome.diagnostics);
  return createPolicy(outcome.ruleSet, outcome.diagnostics);
}

/** A Policy over a loaded rule set: its conditions are compiled and its messages parsed here, once. */
export function createPolicy(ruleSet: RuleSet, warnings: readonly Diagnostic[] = []): Policy {
  const prepared = prepare(ruleSet);
  const decideInput = async (
    input: PolicyInput,
    options: EvaluateOptions = {},
  ): Promise<Decided> => {
    const read = 'text' in input ? parsedText(input) : plainDocument(input.snapshot);
    if (!read.ok) return { ok: false, diagnostics: boundDiagnostics(read.diagnostics, read.file) };
    const outcome = await decide(prepared, read.document, read.file, options);
    if (!outcome.ok)
      return { ok: false, diagnostics: boundDiagnostics(outcome.diagnostics, read.file) };
    return { ...outcome, snapshot: read.document.value };
  };
  const decided = async (input: PolicyInput, options: EvaluateOptions) => {
    const outcome = await decideInput(input, options);
    if (!outcome.ok) throw new InvalidInputError(outcome.diagnostics);
    return outcome;
  };
  return {
    ruleSet,
    warnings,
    decide: decideInput,
    evaluate: async (snapshot, options = {}) =>
      renderDecision((await decided({ snapshot }, options)).decision),
    evaluateText: async (text, options = {}) =>
      renderDecision((await decided({ ...options, text }, options)).decision),
    async record(snapshot, options = {}) {
      const outcome = await decided({ snapshot }, options);
      return decisionRecord(outcome.decision, outcome.snapshot, options.source);
    },
    async recordText(text, options = {}) {
      const outcome = await decided({ ...options, text }, options);
      return decisionRecord(outcome.decision, outcome.snapshot, options.source);
    },
  };
}

type Read =
  | { ok: true; document: ParsedDocument; file: string }
  | { ok: false; diagnostics: Diagnostic[]; file: string };

function parsedText(input: TextInput): Read {
  const file = input.file ?? 'snapshot';
  const parsed = parseDocumentText(input.text, input.format ?? formatOf(file, input.text), file);
  return parsed.ok ? { ok: true, document: parsed.document, file } : { ...parsed, file };
}

/** A private copy of the caller's value (load/copy-plain-data.ts): read once, plain data only. */
function plainDocument(snapshot: unknown): Read {
  try {
    return {
      ok: true,
      document: { value: copyPlainData(snapshot), locate: () => undefined },
      file: 'snapshot',
    };
  } catch (error) {
    if (!(error instanceof NotPlainDataError)) throw error;
    const message = `the snapshot must be plain data: ${error.message}`;
    return {
      ok: false,
      file: 'snapshot',
      diagnostics: [
        { severity: 'error', code: 'schema', message, file: 'snapshot', pointer: error.pointer },
      ],
    };
  }
}
