/**
 * What the derived facts contain, read from schemas/facts.schema.json: the one list of fact
 * names and paths that rule conditions and message placeholders may use.
 */
import { readSchema } from '../validate/schemas.js';

interface SchemaNode {
  type?: string | string[];
  enum?: unknown[];
  /** "date-time": an RFC 3339 instant, shown to people as a local time. */
  format?: string;
  minimum?: number;
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  description?: string;
}

let root: (SchemaNode & { $defs?: Record<string, SchemaNode> }) | undefined;

function schema(): SchemaNode & { $defs?: Record<string, SchemaNode> } {
  root ??= readSchema('facts') as SchemaNode & { $defs?: Record<string, SchemaNode> };
  return root;
}

/** A node with its `$ref` (to a shared definition) followed. */
export function resolveNode(node: SchemaNode): SchemaNode {
  if (node.$ref?.startsWith('#/$defs/')) {
    const target = schema().$defs?.[node.$ref.slice('#/$defs/'.length)];
    if (target)
      return { ...target, ...(node.description ? { description: node.description } : {}) };
  }
  return node;
}

/** The schema of the value at fact + path segments, or undefined when the facts define no such thing. */
export function factSchema(fact: string, segments: readonly string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = schema().properties?.[fact];
  for (const segment of segments) {
    if (!node) return undefined;
    const properties: Record<string, SchemaNode> | undefined = resolveNode(node).properties;
    node = properties && Object.hasOwn(properties, segment) ? properties[segment] : undefined;
  }
  return node ? resolveNode(node) : undefined;
}

export function factNames(): string[] {
  return Object.keys(schema().properties ?? {});
}
