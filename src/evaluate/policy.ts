/** The library's entry point: load a rule set once, evaluate many snapshots with it. */
import { InvalidInputError, type Diagnostic } from '../diagnostics.js';
import { decisionRecord, type DecisionRecordOfDecision, type Source } from '../render/record.js';
import { decide, evaluateDocument, type EvaluateOptions } from './decide.js';
import type { EvaluationResult } from '../generated/evaluation-result.js';
import { parseDocumentText, type ParsedDocument, type TextFormat } from '../load/parse-document.js';
import { formatOf } from '../load/read-text.js';
import { copyPlainData, NotPlainDataError } from '../load/copy-plain-data.js';
import { paths } from '../paths.js';
import { loadRuleSet } from '../rules/load-rule-set.js';
import type { RuleSet } from '../rules/rule-set.js';

export interface LoadPolicyOptions {
  /** Directory holding the rule files. Default: the rules/ shipped with the package. */
  rules?: string | undefined;
  /** A relative `rules` is read from here. Default: process.cwd(). */
  cwd?: string | undefined;
}

export interface EvaluateTextOptions extends EvaluateOptions {
  /** Named in diagnostics. Default: "snapshot". */
  file?: string | undefined;
  /** Default: from the file's extension, else JSON when the text starts with { or [, else YAML. */
  format?: TextFormat | undefined;
}

export interface RecordOptions extends EvaluateOptions {
  /** Where the snapshot came from, kept in the record. Default: none. */
  source?: Source | undefined;
}

export interface Policy {
  readonly ruleSet: RuleSet;
  /** What loading the rule set warned about (e.g. a public rule id gone missing); never errors. */
  readonly warnings: readonly Diagnostic[];
  /**
   * Evaluates a snapshot given as a value (e.g. from JSON.parse). Throws InvalidInputError,
   * whose `diagnostics` say what is wrong, when the snapshot or an option is invalid.
   */
  evaluate(snapshot: unknown, options?: EvaluateOptions): Promise<EvaluationResult>;
  /** Evaluates JSON or YAML text; diagnostics then carry line:col too. */
  evaluateText(text: string, options?: EvaluateTextOptions): Promise<EvaluationResult>;
  /** Evaluates a snapshot value into a decision record (docs/audit.md); throws like evaluate. */
  record(snapshot: unknown, options?: RecordOptions): Promise<DecisionRecordOfDecision>;
  /** Evaluates JSON or YAML text into a decision record; throws like evaluateText. */
  recordText(
    text: string,
    options?: EvaluateTextOptions & RecordOptions,
  ): Promise<DecisionRecordOfDecision>;
}

/** Loads and checks a rule set. Throws InvalidInputError listing every problem in it. */
export async function loadPolicy(options: LoadPolicyOptions = {}): Promise<Policy> {
  const outcome = await loadRuleSet(options.rules ?? paths.rules, { cwd: options.cwd });
  if (!outcome.ok) throw new InvalidInputError(outcome.diagnostics);
  return createPolicy(outcome.ruleSet, outcome.diagnostics);
}

export function createPolicy(ruleSet: RuleSet, warnings: readonly Diagnostic[] = []): Policy {
  return {
    ruleSet,
    warnings,
    async evaluate(snapshot, options = {}) {
      return evaluateDocument(ruleSet, plainDocument(snapshot), 'snapshot', options);
    },
    async evaluateText(text, options = {}) {
      const { document, file } = parsedText(text, options);
      return evaluateDocument(ruleSet, document, file, options);
    },
    async record(snapshot, options = {}) {
      const document = plainDocument(snapshot);
      return decisionRecord(
        await decide(ruleSet, document, 'snapshot', options),
        document.value,
        options.source,
      );
    },
    async recordText(text, options = {}) {
      const { document, file } = parsedText(text, options);
      return decisionRecord(
        await decide(ruleSet, document, file, options),
        document.value,
        options.source,
      );
    },
  };
}

function parsedText(
  text: string,
  options: EvaluateTextOptions,
): { document: ParsedDocument; file: string } {
  const file = options.file ?? 'snapshot';
  const parsed = parseDocumentText(text, options.format ?? formatOf(file, text), file);
  if (!parsed.ok) throw new InvalidInputError(parsed.diagnostics);
  return { document: parsed.document, file };
}

/** A private copy of the caller's value (snapshot/copy-plain-data.ts): read once, plain data only. */
function plainDocument(snapshot: unknown): ParsedDocument {
  try {
    return { value: copyPlainData(snapshot), locate: () => undefined };
  } catch (error) {
    if (!(error instanceof NotPlainDataError)) throw error;
    throw new InvalidInputError([
      {
        severity: 'error',
        code: 'schema',
        message: `the snapshot must be plain data: ${error.message}`,
        file: 'snapshot',
        pointer: error.pointer,
      },
    ]);
  }
}
