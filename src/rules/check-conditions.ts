/**
 * Checks a rule condition against the fact catalogue: every path exists, and every operator
 * and value suits the type of the fact it reads. json-rules-engine checks none of this: an
 * unknown path reads undefined, "5" lessThan 10 is true, and `in` with a string value is a
 * substring test — each a way for a rule to hold when it should not.
 */
import { hasKind } from './operators.js';
import type { DiagnosticCode } from '../diagnostics.js';
import { factSchema, resolveNode } from '../facts/fact-catalogue.js';
import {
  isNumeric,
  mismatch,
  referenceMismatch,
  sameValue,
  typesOf,
  type Node,
} from './fact-types.js';
import type {
  Condition,
  FactCondition,
  FactReference,
  Scalar,
  Text,
} from '../generated/policy-file.js';

export interface ConditionProblem {
  code: DiagnosticCode;
  pointer: string;
  /** In both languages where written so; else English. */
  message: string | Text;
}

export function conditionProblems(condition: Condition, pointer: string): ConditionProblem[] {
  if ('all' in condition)
    return condition.all.flatMap((c, i) => conditionProblems(c, `${pointer}/all/${i}`));
  if ('any' in condition)
    return condition.any.flatMap((c, i) => conditionProblems(c, `${pointer}/any/${i}`));
  if ('not' in condition) return conditionProblems(condition.not, `${pointer}/not`);
  return comparisonProblems(condition, pointer);
}

function resolvePath(
  reference: FactReference,
  pointer: string,
  problems: ConditionProblem[],
): Node | undefined {
  const segments = reference.path.slice(2).split('.');
  const node = factSchema(reference.fact, segments);
  if (!node) {
    problems.push({
      code: 'unknown-fact-path',
      pointer: `${pointer}/path`,
      message: {
        'zh-CN': `事实 ${reference.fact} 没有 ${reference.path}${known(reference.fact, segments, '；', ' 有 ')}`,
        en: `the ${reference.fact} fact has no ${reference.path}${known(reference.fact, segments, '; ', ' has ')}`,
      },
    });
  }
  return node;
}

/** "; $.pay has a, b, c" for the deepest part of the path that exists. */
function known(fact: string, segments: string[], separator: string, has: string): string {
  for (let depth = segments.length - 1; depth >= 0; depth--) {
    const properties = factSchema(fact, segments.slice(0, depth))?.properties;
    if (properties)
      return `${separator}${['$', ...segments.slice(0, depth)].join('.')}${has}${Object.keys(properties).join(', ')}`;
  }
  return '';
}

function isReference(value: FactCondition['value']): value is FactReference {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** One comparison, resolved: what it reads, what it compares with, and where to report. */
interface Comparison {
  operator: FactCondition['operator'];
  value: FactCondition['value'];
  node: Node;
  /** The schema of the fact the value refers to, when the value is a fact reference. */
  reference: Node | undefined;
  name: string;
  at(suffix: string, message: string | Text): void;
}

function comparisonProblems(condition: FactCondition, pointer: string): ConditionProblem[] {
  const problems: ConditionProblem[] = [];
  const node = resolvePath(condition, pointer, problems);
  const { operator, value } = condition;
  const reference = isReference(value)
    ? resolvePath(value, `${pointer}/value`, problems)
    : undefined;
  if (!node || (isReference(value) && !reference)) return problems;
  const name = `${condition.fact}${condition.path.slice(1)}`;
  const at = (suffix: string, message: string | Text) =>
    problems.push({ code: 'type-mismatch', pointer: `${pointer}${suffix}`, message });
  const comparison: Comparison = { operator, value, node, reference, name, at };
  if (hasKind(operator, 'numeric')) numericProblems(comparison);
  else if (hasKind(operator, 'membership')) membershipProblems(comparison);
  else if (hasKind(operator, 'contains')) containsProblems(comparison);
  else equalityProblems(comparison);
  if (isReference(value) && sameValue(condition, value))
    problems.push({
      code: 'compares-with-itself',
      pointer: `${pointer}/value`,
      message: {
        'zh-CN': `${name} 在和自身比较，所以这个比较对任何账号的结果都一样`,
        en: `${name} is compared with itself, so the comparison has the same result for every account`,
      },
    });
  return problems;
}

function numericProblems({ operator, value, node, reference, name, at }: Comparison): void {
  const factTypes = typesOf(node);
  if (!isNumeric(factTypes))
    at('/operator', {
      'zh-CN': `${operator} 比较的是数字，但 ${name} 是 ${[...factTypes].join(' 或 ')}`,
      en: `${operator} compares numbers, but ${name} is ${[...factTypes].join(' or ')}`,
    });
  const valueNumeric = reference ? isNumeric(typesOf(reference)) : typeof value === 'number';
  if (!valueNumeric)
    at('/value', {
      'zh-CN': `${operator} 需要一个数字来比较，实际为 ${JSON.stringify(value)}`,
      en: `${operator} needs a number to compare with, got ${JSON.stringify(value)}`,
    });
}

function membershipProblems({ operator, value, node, reference, name, at }: Comparison): void {
  if (!Array.isArray(value)) {
    at('/value', {
      'zh-CN': `${operator} 需要一个值的列表，例如 [cooling_off, cancelled]；给${reference ? '一个事实' : '一个字符串'}时 json-rules-engine 会按子串匹配`,
      en: `${operator} needs a list of values, e.g. [cooling_off, cancelled]; with ${reference ? 'a fact' : 'a string'} json-rules-engine would test for a substring`,
    });
    return;
  }
  value.forEach((item, i) => {
    const why = mismatch(item, node, name);
    if (why) at(`/value/${i}`, why);
  });
}

/** The fact must be a list, and the value one thing its items can be. */
function containsProblems({ operator, value, node, reference, name, at }: Comparison): void {
  const factTypes = typesOf(node);
  if (!factTypes.has('array'))
    at('/operator', {
      'zh-CN': `${operator} 在列表里查找，但 ${name} 是 ${[...factTypes].join(' 或 ')}`,
      en: `${operator} looks inside a list, but ${name} is ${[...factTypes].join(' or ')}`,
    });
  if (Array.isArray(value)) {
    at('/value', {
      'zh-CN': `${operator} 需要一个要查找的值，而不是列表`,
      en: `${operator} needs one value to look for, not a list`,
    });
    return;
  }
  if (!factTypes.has('array') || !node.items) return;
  const items = resolveNode(node.items);
  const why = reference
    ? referenceMismatch(items, reference, `an item of ${name}`, value as FactReference)
    : mismatch(value as Scalar, items, `an item of ${name}`);
  if (why) at('/value', why);
}

function equalityProblems({ operator, value, node, reference, name, at }: Comparison): void {
  if (Array.isArray(value)) {
    at('/value', {
      'zh-CN': `${operator} 只和一个值比较，不能是列表（列表请用 in / notIn）`,
      en: `${operator} compares with one value, not a list (use in / notIn for a list)`,
    });
    return;
  }
  const why = reference
    ? referenceMismatch(node, reference, name, value as FactReference)
    : mismatch(value as Scalar, node, name);
  if (why) at('/value', why);
}
