/**
 * Checks an account snapshot against schemas/account-snapshot.schema.json, then the rules of
 * SPEC §1 a schema cannot express: binding ids unique across both lists.
 * Time consistency needs the evaluation time and is checked in check-times.ts.
 *
 * Every problem is reported, not only the first: the rounded numbers, every schema error (one
 * per pointer) and every repeated binding id. The caller bounds how many it lists.
 */
import { MAX_DIAGNOSTICS, type Diagnostic } from '../diagnostics.js';
import type { AccountSnapshot } from '../generated/account-snapshot.js';
import type { ParsedDocument } from '../load/parse-document.js';
import { inexactIntegerDiagnostics } from './exact-integers.js';
import { everyError, schemaErrors } from './schemas.js';
import { schemaDiagnostics } from './schema-diagnostics.js';

/**
 * Not ok with `snapshot` set: the snapshot matches its schema, and only the checks after it
 * (repeated ids) failed, so the time checks can still run on it.
 */
export type SnapshotOutcome =
  | { ok: true; snapshot: AccountSnapshot }
  | { ok: false; diagnostics: Diagnostic[]; snapshot?: AccountSnapshot };

export function validateSnapshot(document: ParsedDocument, file: string): SnapshotOutcome {
  // Before the schema: it would see 1e-400 as 0, and 1e400 as null.
  const rounded = inexactIntegerDiagnostics(document, 'account-snapshot', file);
  // Each line:col costs a pass over the text: only those that can be listed are found.
  const duplicates = duplicateBindingIds(document.value).map((duplicate, i): Diagnostic => ({
    severity: 'error',
    code: 'duplicate-binding-id',
    message: `binding id ${JSON.stringify(duplicate.id)} is already used at ${duplicate.first}; ids must be unique across bank cards and authorizations`,
    file,
    pointer: duplicate.pointer,
    ...(i < MAX_DIAGNOSTICS ? document.locate(duplicate.pointer) : {}),
  }));
  // The first error alone decides validity; every error is collected only for an invalid snapshot.
  if (rounded.length === 0 && schemaErrors('account-snapshot', document.value).length === 0) {
    const snapshot = document.value as AccountSnapshot;
    return duplicates.length === 0
      ? { ok: true, snapshot }
      : { ok: false, diagnostics: duplicates, snapshot };
  }
  const errors = everyError('account-snapshot', document.value);
  const refused = new Set(rounded.map((d) => d.pointer));
  const schema = schemaDiagnostics(errors, document, file, undefined, {
    everyProblem: true,
    detailFirst: MAX_DIAGNOSTICS,
  });
  return {
    ok: false,
    diagnostics: [...rounded, ...schema.filter((d) => !refused.has(d.pointer)), ...duplicates],
  };
}

interface Duplicate {
  id: string;
  pointer: string;
  first: string;
}

/**
 * Every id used a second time, in document order. The value may not match the schema yet:
 * only list items that are objects with a string id are compared.
 */
function duplicateBindingIds(value: unknown): Duplicate[] {
  const seen = new Map<string, string>();
  const found: Duplicate[] = [];
  const root = asRecord(value);
  const lists: Array<[string, unknown]> = [
    ['/pay/bankCards', asRecord(root?.pay)?.bankCards],
    ['/authorizations', root?.authorizations],
  ];
  for (const [at, list] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((item: unknown, i) => {
      const id = asRecord(item)?.id;
      if (typeof id !== 'string' || id === '') return;
      const pointer = `${at}/${i}/id`;
      const first = seen.get(id);
      if (first === undefined) seen.set(id, pointer);
      else found.push({ id, pointer, first });
    });
  }
  return found;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
