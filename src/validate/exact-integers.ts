/**
 * Where a schema says integer, the number must be written as one: digits only, within the safe
 * range. The parser has already rounded `1e-400` to 0 and `4503599627370496.5` to an integer
 * (load/inexact-numbers.ts lists them with their text); here each is refused if the schema puts
 * an integer where it stands. A rounded number in a field the schema does not know (ignored
 * extra fields) is left alone.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { ParsedDocument } from '../load/parse-document.js';
import { readSchema, type SchemaName } from './schemas.js';

type Node = Record<string, unknown>;

const roots = new Map<SchemaName, Node>();

export function inexactIntegerDiagnostics(
  document: ParsedDocument,
  schema: SchemaName,
  file: string,
): Diagnostic[] {
  const numbers = document.inexactNumbers ?? [];
  if (numbers.length === 0) return [];
  return numbers
    .filter(({ pointer }) => isIntegerField(schema, pointer))
    .map(({ pointer, text, value }) => ({
      severity: 'error' as const,
      code: 'schema' as const,
      message: inexactIntegerMessage(text, value),
      file,
      pointer,
      ...document.locate(pointer),
    }));
}

/** Whether the schema puts an integer at `pointer` (through properties, items, $ref, oneOf/anyOf). */
export function isIntegerField(schema: SchemaName, pointer: string): boolean {
  let root = roots.get(schema);
  if (!root) roots.set(schema, (root = readSchema(schema) as Node));
  return integerAt(root, root, segmentsOf(pointer));
}

/** The message for a rounded number, quoting its text. */
export function inexactIntegerMessage(text: string, value: number): string {
  return `must be an integer written exactly (no fraction or exponent, at most 9007199254740991), got ${text}: it would be read as ${String(value)}`;
}

function segmentsOf(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Whether the schema node reached by `segments` (through properties, items, $ref, oneOf/anyOf) allows only integers. */
function integerAt(root: Node, node: Node | undefined, segments: readonly string[]): boolean {
  for (let depth = 0; node && depth < 64; depth++) {
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/')) {
      node = resolveLocal(root, ref);
      continue;
    }
    const branches = [...list(node.oneOf), ...list(node.anyOf)];
    if (branches.length > 0) return branches.some((branch) => integerAt(root, branch, segments));
    const [first, ...rest] = segments;
    if (first === undefined) return node.type === 'integer';
    const properties = node.properties as Record<string, Node> | undefined;
    node =
      properties && Object.hasOwn(properties, first)
        ? properties[first]
        : /^\d+$/.test(first)
          ? (node.items as Node | undefined)
          : undefined;
    segments = rest;
  }
  return false;
}

function list(value: unknown): Node[] {
  return Array.isArray(value) ? (value as Node[]) : [];
}

function resolveLocal(root: Node, ref: string): Node | undefined {
  let at: unknown = root;
  for (const key of segmentsOf(ref.slice(1))) at = (at as Node | undefined)?.[key];
  return at as Node | undefined;
}
