/**
 * Turns one input item into what the report counts: a decision, or an error with its file:line.
 * An item is a decision record when it is an object with `kind` and `decisionId` (an error record:
 * `kind: "error"` with `diagnostics`); anything else is a snapshot, evaluated here. A bad item is
 * counted, never fatal: a report over a million lines must not stop at the first bad one.
 */
import { onInputLine } from '../load/on-input-line.js';
import { decisionRecord, type DecidedRecord, type ErrorRecord } from '../render/record.js';
import { parseDocumentText } from '../load/parse-document.js';
import type { Policy } from '../evaluate/policy.js';
import { schemaDiagnostics } from '../validate/schema-diagnostics.js';
import { recordContradiction, recordErrors } from './record-schema.js';
import type { ErrorEntry, Location } from './report-model.js';
import type { InputItem } from './read-report-input.js';

export type ReportEntry =
  | { kind: 'decision'; record: DecidedRecord; at: Location; evaluatedHere: boolean }
  | { kind: 'error'; error: ErrorEntry };

export interface EntryContext {
  /** Evaluates snapshots; its rule set is the one the report names. */
  policy: Policy;
  /** Evaluation time for snapshots; undefined: each snapshot's capturedAt. */
  now: string | undefined;
}

export async function readEntry(input: InputItem, context: EntryContext): Promise<ReportEntry> {
  // Tools on Windows may start an NDJSON file with a byte-order mark; JSON.parse refuses it.
  const item =
    input.text.charCodeAt(0) === 0xfeff ? { ...input, text: input.text.slice(1) } : input;
  const at: Location = { file: item.file, line: item.line ?? null };
  if (item.unreadable) return { kind: 'error', error: errorEntry(item.unreadable, at, null) };
  const value = parsedValue(item);
  if (isRecordShaped(value)) return recordEntry(value, item, at);
  const text = { text: item.text, file: item.file, format: item.format };
  const outcome = await context.policy.decide(text, { now: context.now });
  if (!outcome.ok) {
    return {
      kind: 'error',
      error: errorEntry(onInputLine(outcome.diagnostics, item.line), at, null),
    };
  }
  const source =
    item.line === undefined ? { file: item.file } : { file: item.file, line: item.line };
  const record = await decisionRecord(outcome.decision, outcome.snapshot, source);
  return { kind: 'decision', record, at, evaluatedHere: true };
}

/** The item's value, or undefined when it does not parse or repeats a key (evaluating it then says why). */
function parsedValue(item: InputItem): unknown {
  // Not JSON.parse alone: it keeps the last of two equal keys, and a record with a key written
  // twice could say one thing to one reader and another to the next.
  const parsed = parseDocumentText(item.text, item.format, item.file);
  return parsed.ok ? parsed.document.value : undefined;
}

function isRecordShaped(value: unknown): value is Record<string, unknown> {
  if (
    value === null ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    !Object.hasOwn(value, 'kind')
  )
    return false;
  return (
    Object.hasOwn(value, 'decisionId') ||
    ((value as { kind: unknown }).kind === 'error' && Object.hasOwn(value, 'diagnostics'))
  );
}

function recordEntry(value: Record<string, unknown>, item: InputItem, at: Location): ReportEntry {
  const errors = recordErrors(value);
  if (errors.length > 0) {
    const diagnostics = schemaDiagnostics(
      errors,
      { value, locate: () => undefined },
      item.file,
    ).map(({ pointer, ...d }) => ({
      ...d,
      ...(item.line === undefined ? {} : { line: item.line }),
      message: `not a valid decision record (schemas/decision-record.schema.json): ${pointer ? `${pointer}: ` : ''}${d.message}`,
    }));
    return { kind: 'error', error: errorEntry(diagnostics, at, null) };
  }
  if (value.kind === 'decision') {
    const record = value as unknown as DecidedRecord;
    const contradiction = recordContradiction(record);
    if (contradiction) {
      const diagnostic = {
        severity: 'error' as const,
        code: 'inconsistent-record' as const,
        message: `the decision record contradicts itself: ${contradiction}`,
        file: item.file,
        ...(item.line === undefined ? {} : { line: item.line }),
      };
      return { kind: 'error', error: errorEntry([diagnostic], at, null) };
    }
    return { kind: 'decision', record, at, evaluatedHere: false };
  }
  const record = value as unknown as ErrorRecord;
  const { file, line } = record.input.source;
  return { kind: 'error', error: errorEntry(record.diagnostics, { file, line: line ?? null }, at) };
}

/** The first diagnostic says where and what; the count says whether there is more to see. */
function errorEntry(
  diagnostics: readonly ErrorRecord['diagnostics'][number][],
  fallback: Location,
  record: Location | null,
): ErrorEntry {
  const first = diagnostics[0];
  return {
    at: { file: first?.file ?? fallback.file, line: first?.line ?? fallback.line },
    record,
    code: first?.code ?? 'unknown',
    // As formatDiagnostic says it: the pointer first, e.g. "/pay/enabled: must be true or false".
    message: first?.pointer ? `${first.pointer}: ${first.message}` : (first?.message ?? ''),
    diagnostics: diagnostics.length,
  };
}
