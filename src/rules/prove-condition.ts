/**
 * Proves, where it can, that a condition holds for every account or for none. The method
 * (docs/analysis.md): every fact path a condition reads gets a finite set of representative
 * values, one per equivalence class of the comparisons made on it (each enum value; true and
 * false; for numbers the integers around every constant, within the schema's minimum; for
 * strings each constant and one string no constant equals; for lists every subset of the
 * constants looked for (up to 12 of them, else no proof), each with and without one other item;
 * null where the fact can be null). A comparison against another fact is an unknown of its own,
 * free to be true or false. The condition is then evaluated, with the
 * engine's own operators, on every combination. Paths are taken as independent, so the
 * combinations are a superset of the accounts that can occur: "always" and "never" are proofs;
 * "depends" only means no proof was found.
 */
import type { Condition, FactCondition, FactReference, Scalar } from '../generated/policy-file.js';
import { factSchema } from '../facts/fact-catalogue.js';
import { OPERATORS } from './operators.js';
import { canonicalJson } from '../digest.js';

export type Verdict = 'always' | 'never' | 'depends';

/** Beyond this many combinations the prover gives up and says "depends". */
const MAX_COMBINATIONS = 200_000;
/**
 * A list path compared with more distinct items than this has too many subsets to try: the
 * prover gives up on the condition ("depends") rather than try only some of them.
 */
const MAX_LIST_ITEMS = 12;

/** A string no constant of this path equals: the class of "any other value". */
function otherThan(constants: readonly Scalar[]): string {
  let other = '\u0000other';
  while (constants.includes(other)) other += '\u0000';
  return other;
}

type Assignment = ReadonlyMap<string, unknown>;

export function proveCondition(condition: Condition): Verdict {
  const atoms = comparisons(condition);
  const dimensions = [
    ...pathDimensions(atoms.filter((atom) => !isReference(atom.value))),
    ...atoms.filter((atom) => isReference(atom.value)).map((atom) => referenceDimension(atom)),
  ];
  if (dimensions.some((d) => d.values.length === 0)) return 'depends'; // a class left untried
  const total = dimensions.reduce((n, d) => n * d.values.length, 1);
  if (total > MAX_COMBINATIONS) return 'depends';
  let seenTrue = false;
  let seenFalse = false;
  for (const assignment of combinations(dimensions)) {
    if (holds(condition, assignment)) seenTrue = true;
    else seenFalse = true;
    if (seenTrue && seenFalse) return 'depends';
  }
  return seenTrue ? 'always' : 'never';
}

function comparisons(condition: Condition): FactCondition[] {
  if ('all' in condition) return condition.all.flatMap(comparisons);
  if ('any' in condition) return condition.any.flatMap(comparisons);
  if ('not' in condition) return comparisons(condition.not);
  return [condition];
}

function isReference(value: FactCondition['value']): value is FactReference {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const pathKey = (fact: string, path: string) => `${fact} ${path}`;
const referenceKey = (atom: FactCondition) => `ref ${canonicalJson(atom)}`;

interface Dimension {
  key: string;
  values: readonly unknown[];
}

function referenceDimension(atom: FactCondition): Dimension {
  return { key: referenceKey(atom), values: [true, false] };
}

/** One dimension per fact path, with a value from each class of the comparisons on it. */
function pathDimensions(atoms: readonly FactCondition[]): Dimension[] {
  const constants = new Map<string, { atom: FactCondition; values: Scalar[] }>();
  for (const atom of atoms) {
    const key = pathKey(atom.fact, atom.path);
    const entry = constants.get(key) ?? { atom, values: [] };
    // A loop, not push(...list): a list of 100,000 items must not overflow the stack.
    for (const value of Array.isArray(atom.value) ? atom.value : [atom.value as Scalar])
      entry.values.push(value as Scalar);
    constants.set(key, entry);
  }
  return [...constants].map(([key, { atom, values }]) => ({
    key,
    values: representatives(atom, values),
  }));
}

function representatives(atom: FactCondition, constants: readonly Scalar[]): unknown[] {
  const node = factSchema(atom.fact, atom.path.slice(2).split('.'));
  if (!node) return [undefined];
  const types = new Set(Array.isArray(node.type) ? node.type : node.type ? [node.type] : []);
  const values: unknown[] = [];
  if (node.enum) values.push(...node.enum);
  if (types.has('null')) values.push(null);
  if (types.has('boolean')) values.push(true, false);
  if (types.has('integer') || types.has('number'))
    values.push(...representativeNumbers(constants, node.minimum));
  if (types.has('string')) {
    for (const constant of constants) if (typeof constant === 'string') values.push(constant);
    values.push(otherThan(constants));
  }
  if (types.has('array')) {
    const all = lists(constants);
    if (!all) return []; // too many items looked for: no proof
    values.push(...all);
  }
  return [...new Set(values)];
}

/** The integers at, just below and just above every constant, and the least and a large one. */
export function representativeNumbers(
  constants: readonly Scalar[],
  minimum = Number.MIN_SAFE_INTEGER,
): number[] {
  const points = constants.filter((c): c is number => typeof c === 'number' && Number.isFinite(c));
  const around = points.flatMap((c) => [
    Math.floor(c) - 1,
    Math.floor(c),
    Math.ceil(c),
    Math.ceil(c) + 1,
  ]);
  const large = Math.max(minimum, ...points.map((c) => Math.ceil(c) + 1)) + 1;
  return [minimum, ...around, large].filter((n) => n >= minimum && Number.isSafeInteger(n));
}

/** Every subset of the constants looked for (up to 8 of them), each also with another item. */
/** Every subset of the items looked for, each with and without one other item; undefined when too many. */
function lists(constants: readonly Scalar[]): unknown[][] | undefined {
  if (new Set(constants).size > MAX_LIST_ITEMS) return undefined;
  const other = otherThan(constants);
  return subsets(constants, MAX_LIST_ITEMS).flatMap((subset) => [subset, [...subset, other]]);
}

/** Every subset of the distinct values (the first `most` of them), the empty one first. */
export function subsets<T>(values: readonly T[], most: number): T[][] {
  const all: T[][] = [[]];
  for (const item of [...new Set(values)].slice(0, most))
    for (const subset of [...all]) all.push([...subset, item]);
  return all;
}

function* combinations(dimensions: readonly Dimension[]): Generator<Assignment> {
  const assignment = new Map<string, unknown>();
  function* step(i: number): Generator<Assignment> {
    if (i === dimensions.length) {
      yield assignment;
      return;
    }
    const { key, values } = dimensions[i]!;
    for (const value of values) {
      assignment.set(key, value);
      yield* step(i + 1);
    }
  }
  yield* step(0);
}

function holds(condition: Condition, assignment: Assignment): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, assignment));
  if ('any' in condition) return condition.any.some((c) => holds(c, assignment));
  if ('not' in condition) return !holds(condition.not, assignment);
  if (isReference(condition.value)) return assignment.get(referenceKey(condition)) === true;
  const found = assignment.get(pathKey(condition.fact, condition.path));
  return OPERATORS[condition.operator].compare(found, condition.value);
}
