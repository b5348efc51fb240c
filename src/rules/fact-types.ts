/** What type a fact's schema node allows, and whether a value or another fact can ever match it. */
import type { FactReference, Scalar } from '../generated/policy-file.js';
import type { factSchema } from '../facts/fact-catalogue.js';

export type Node = NonNullable<ReturnType<typeof factSchema>>;

export function typesOf(node: Node): Set<string> {
  if (node.enum) return new Set(node.enum.map(literalType));
  return new Set(Array.isArray(node.type) ? node.type : node.type ? [node.type] : []);
}

function literalType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export function isNumeric(types: Set<string>): boolean {
  return types.has('integer') || types.has('number');
}

/** Why `value` can never equal a value of `node`, or undefined when it can. */
export function mismatch(value: Scalar, node: Node, name: string): string | undefined {
  if (node.enum)
    return node.enum.includes(value)
      ? undefined
      : `${name} is one of ${node.enum.map((v) => JSON.stringify(v)).join(', ')}; ${JSON.stringify(value)} can never match`;
  const types = typesOf(node);
  const type = literalType(value);
  if (types.has(type) || (type === 'integer' && types.has('number'))) return undefined;
  return `${name} is ${[...types].join(' or ')}, but ${JSON.stringify(value)} is ${type === 'integer' ? 'a number' : `a ${type}`}`;
}

/** Why a fact of `reference`'s type can never compare with `node`, or undefined when it can. */
export function referenceMismatch(
  node: Node,
  reference: Node,
  name: string,
  value: FactReference,
): string | undefined {
  const types = [...typesOf(node)].map(widen);
  const other = [...typesOf(reference)].map(widen);
  const compound = [...types, ...other].find((type) => type === 'object' || type === 'array');
  if (compound)
    return `${name} and ${value.fact}${value.path.slice(1)} are compared as single values, but one is ${compound === 'array' ? 'a list' : 'an object'}: compared by identity, it never equals anything`;
  if (node.enum && reference.enum && !node.enum.some((v) => reference.enum!.includes(v)))
    return `${name} is one of ${node.enum.map((v) => JSON.stringify(v)).join(', ')}, and ${value.fact}${value.path.slice(1)} one of ${reference.enum.map((v) => JSON.stringify(v)).join(', ')}: they never share a value`;
  if (other.some((type) => types.includes(type))) return undefined;
  return `${name} is ${types.join(' or ')}, but ${value.fact}${value.path.slice(1)} is ${other.join(' or ')}: they can never be equal`;
}

/** integer and number compare with each other. */
function widen(type: string): string {
  return type === 'integer' ? 'number' : type;
}

export function sameValue(a: FactReference, b: FactReference): boolean {
  return a.fact === b.fact && a.path === b.path;
}
