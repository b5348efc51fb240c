/** Turns ajv errors into diagnostics that say where (pointer, line:col) and what was expected. */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { fromPointer, type Diagnostic, type DiagnosticCode } from '../diagnostics.js';
import type { ParsedDocument } from '../load/parse-document.js';
import { withTypoHint } from '../load/yaml-typos.js';
import { describe, valueAt } from './describe-schema-error.js';
import type { Text } from '../generated/policy-file.js';

/** Names a more specific code (and message) for some schema errors; undefined keeps `schema`. */
export type RefineSchemaError = (
  error: ErrorObject,
  pointer: string,
  message: Text,
  value: unknown,
) => { code: DiagnosticCode; message: Text } | undefined;

/**
 * How to pick from ajv's `allErrors` output. `everyProblem`: keep every error below a failed
 * anyOf/oneOf (not only the deepest one), and one diagnostic per pointer (the first: e.g. for
 * -1.5 "must be an integer", not also "must be >= 0"). Right for a schema whose alternatives
 * are "null or one object" (the snapshot's), where every deeper error is from the same branch.
 */
export interface PickOptions {
  everyProblem?: boolean;
  /**
   * Only the first this many get a message and line:col (each line:col costs a pass over the
   * text); the rest keep code and pointer only, to be counted, never shown.
   */
  detailFirst?: number;
  /** Also give each diagnostic `messages` in both languages (rule authoring). Default: false. */
  bilingual?: boolean;
}

export function schemaDiagnostics(
  errors: readonly ErrorObject[],
  document: ParsedDocument,
  file: string,
  refine?: RefineSchemaError,
  options: PickOptions = {},
): Diagnostic[] {
  const picked = pickUseful(errors, options.everyProblem ?? false).map((error) => ({
    error,
    ...pointerOf(error),
  }));
  const kept = options.everyProblem ? firstPerPointer(picked) : picked;
  const limit = options.detailFirst ?? Infinity;
  return kept.map(({ error, pointer, key }, i): Diagnostic => {
    if (i >= limit) return { severity: 'error', code: 'schema', message: '', file, pointer };
    const value = valueAt(document.value, pointer);
    const described = describe(error, document.value, pointer);
    const refined = refine?.(error, pointer, described, value);
    // An unknown key may be a key, a full-width colon and its value, read as one key.
    const name = key ? fromPointer(pointer).at(-1) : undefined;
    const message = withTypoHint(refined?.message ?? described, name ?? value);
    return {
      severity: 'error',
      code: refined?.code ?? 'schema',
      message: message.en,
      ...(options.bilingual ? { messages: message } : {}),
      file,
      pointer,
      ...document.locate(pointer, { key }),
    };
  });
}

function firstPerPointer<T extends { pointer: string }>(picked: T[]): T[] {
  const seen = new Set<string>();
  return picked.filter(({ pointer }) => !seen.has(pointer) && Boolean(seen.add(pointer)));
}

/**
 * if/then and anyOf add summary errors ("must match then schema") on top of the real ones.
 * An anyOf's branch errors come right before it, at or below its instance path: of those,
 * keep the deepest (it says what is really wrong), or the anyOf itself if none is deeper.
 */
function pickUseful(errors: readonly ErrorObject[], everyProblem: boolean): ErrorObject[] {
  const kept: ErrorObject[] = [];
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') {
      kept.push(error);
      continue;
    }
    const at = error.instancePath;
    const branch: ErrorObject[] = [];
    while (kept.length > 0 && isAtOrBelow(kept[kept.length - 1]!.instancePath, at))
      branch.unshift(kept.pop()!);
    const deeper = branch.filter((e) => pointerOf(e).pointer.length > at.length);
    if (everyProblem && deeper.length > 0) {
      kept.push(...deeper);
      continue;
    }
    const deepest = branch.reduce<ErrorObject | undefined>(
      (best, e) => (e.instancePath.length > (best?.instancePath.length ?? at.length) ? e : best),
      undefined,
    );
    kept.push(deepest ?? error);
  }
  return kept;
}

function isAtOrBelow(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

function pointerOf(error: ErrorObject): { pointer: string; key: boolean } {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required')
    return {
      pointer: `${error.instancePath}/${escape(String(params.missingProperty))}`,
      key: false,
    };
  if (error.keyword === 'additionalProperties')
    return {
      pointer: `${error.instancePath}/${escape(String(params.additionalProperty))}`,
      key: true,
    };
  return { pointer: error.instancePath, key: false };
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
