/**
 * Checks an account snapshot against schemas/account-snapshot.schema.json, then the rules of
 * SPEC §1 a schema cannot express: binding ids unique across both lists.
 * Time consistency needs the evaluation time and is checked in check-times.ts.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { AccountSnapshot } from '../generated/account-snapshot.js';
import type { ParsedDocument } from '../load/parse-document.js';
import { inexactIntegerDiagnostics } from './exact-integers.js';
import { schemaErrors } from './schemas.js';
import { schemaDiagnostics } from './schema-diagnostics.js';

export type SnapshotOutcome =
  { ok: true; snapshot: AccountSnapshot } | { ok: false; diagnostics: Diagnostic[] };

export function validateSnapshot(document: ParsedDocument, file: string): SnapshotOutcome {
  // Before the schema: it would see 1e-400 as 0, and 1e400 as null.
  const rounded = inexactIntegerDiagnostics(document, 'account-snapshot', file);
  if (rounded.length > 0) return { ok: false, diagnostics: rounded.slice(0, 1) };
  const errors = schemaErrors('account-snapshot', document.value);
  if (errors.length > 0)
    return { ok: false, diagnostics: schemaDiagnostics(errors, document, file) };
  const snapshot = document.value as AccountSnapshot;
  const duplicate = duplicateBindingId(snapshot);
  if (duplicate) {
    return {
      ok: false,
      diagnostics: [
        {
          severity: 'error',
          code: 'duplicate-binding-id',
          message: `binding id ${JSON.stringify(duplicate.id)} is already used at ${duplicate.first}; ids must be unique across bank cards and authorizations`,
          file,
          pointer: duplicate.pointer,
          ...document.locate(duplicate.pointer),
        },
      ],
    };
  }
  return { ok: true, snapshot };
}

function duplicateBindingId(
  snapshot: AccountSnapshot,
): { id: string; pointer: string; first: string } | undefined {
  const seen = new Map<string, string>();
  const bindings = [
    ...snapshot.pay.bankCards.map((card, i) => ({
      id: card.id,
      pointer: `/pay/bankCards/${i}/id`,
    })),
    ...snapshot.authorizations.map((auth, i) => ({
      id: auth.id,
      pointer: `/authorizations/${i}/id`,
    })),
  ];
  for (const { id, pointer } of bindings) {
    const first = seen.get(id);
    if (first !== undefined) return { id, pointer, first };
    seen.set(id, pointer);
  }
  return undefined;
}
