/**
 * The schemas catch most rule-file mistakes; this names the common ones with their own codes
 * and plainer messages, so a compliance editor sees "unknown-operator", not a schema path.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { Text } from '../generated/policy-file.js';
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Diagnostic } from '../diagnostics.js';
import type { RefineSchemaError } from '../validate/schema-diagnostics.js';
import { OPERATOR_NAMES } from './operators.js';

const OPERATORS = OPERATOR_NAMES.join(', ');

type Refined = ReturnType<RefineSchemaError>;

function lastSegment(pointer: string): string {
  return pointer.slice(pointer.lastIndexOf('/') + 1);
}

export const refinePolicyFileError: RefineSchemaError = (error, pointer, _message, value) =>
  refineCondition(error, lastSegment(pointer), value) ?? refineFile(error, pointer);

/** Mistakes inside a condition: an operator, a fact, a path, an empty all/any. */
const refineCondition = (error: ErrorObject, last: string, value: unknown): Refined => {
  if (error.keyword === 'enum' && last === 'operator') {
    return {
      code: 'unknown-operator',
      message: {
        'zh-CN': `${JSON.stringify(value)} 不是 json-rules-engine 的运算符；请使用以下之一：${OPERATORS}`,
        en: `${JSON.stringify(value)} is not an operator json-rules-engine has; use one of ${OPERATORS}`,
      },
    };
  }
  if (error.keyword === 'enum' && last === 'fact') {
    const facts = (error.params as { allowedValues: string[] }).allowedValues.join(', ');
    return {
      code: 'unknown-fact-path',
      message: {
        'zh-CN': `${JSON.stringify(value)} 不是事实；请使用以下之一：${facts}（schemas/facts.schema.json 有说明）`,
        en: `${JSON.stringify(value)} is not a fact; use one of ${facts} (schemas/facts.schema.json describes them)`,
      },
    };
  }
  if (error.keyword === 'pattern' && last === 'path') {
    return {
      code: 'unsafe-path',
      message: {
        'zh-CN': `${JSON.stringify(value)} 不是 $.balanceFen 这样的简单属性路径：过滤器、通配符、递归和脚本都不允许`,
        en: `${JSON.stringify(value)} is not a plain property path such as $.balanceFen: filters, wildcards, recursion and scripts are refused`,
      },
    };
  }
  if (error.keyword === 'minItems' && (last === 'all' || last === 'any')) {
    return {
      code: 'empty-condition',
      message: {
        'zh-CN': `空的 ${last} 不看任何事实就会满足（或不满足）；请至少列出一个条件`,
        en: `an empty ${last} would hold (or fail) without looking at anything; list at least one condition`,
      },
    };
  }
  return undefined;
};

/** Mistakes in the file's own shape: a missing translation, no rules. */
const refineFile = (error: ErrorObject, pointer: string): Refined => {
  const params = error.params as Record<string, unknown>;
  if (
    error.keyword === 'required' &&
    (params.missingProperty === 'zh-CN' || params.missingProperty === 'en')
  ) {
    return {
      code: 'missing-translation',
      message: {
        'zh-CN': `缺少${params.missingProperty === 'en' ? '英文' : '中文'}文字；每段文字都要有 zh-CN 和 en`,
        en: `the ${params.missingProperty === 'en' ? 'English' : 'Chinese'} text is missing; every text needs zh-CN and en`,
      },
    };
  }
  if (
    (error.keyword === 'minItems' && pointer === '/rules') ||
    (error.keyword === 'required' && pointer === '/rules')
  ) {
    return {
      code: 'policy-without-rules',
      message: {
        'zh-CN': '策略至少要有一条规则；没有规则，它总会通过',
        en: 'a policy needs at least one rule; without rules it would always pass',
      },
    };
  }
  return undefined;
};

const PARAMETERS = ['coolingOffDays', 'phoneReleaseDays', 'timeZone'];

/** A misspelt parameter name is named with the fixed list and the closest one. */
export const refineParametersFileError: RefineSchemaError = (error, pointer, message) => {
  if (!pointer.startsWith('/parameters')) return undefined;
  if (error.keyword !== 'additionalProperties' || pointer.split('/').length !== 3)
    return { code: 'bad-parameter', message };
  return { code: 'bad-parameter', message: unknownParameter(lastSegment(pointer)) };
};

export function unknownParameter(name: string): Text {
  const guess = closest(name, PARAMETERS);
  // A guess only for a likely slip of the keyboard, not for any unknown name.
  const near = distance(name.toLowerCase(), guess.toLowerCase()) <= Math.max(2, guess.length / 4);
  const list = PARAMETERS.join(', ');
  return {
    'zh-CN': `没有名为 ${name} 的参数：参数是固定的：${list}${near ? `（是不是 ${guess}？）` : ''}`,
    en: `there is no parameter ${name}: parameters are fixed: ${list}${near ? ` (did you mean ${guess}?)` : ''}`,
  };
}

/**
 * A misspelt key is reported once: "no parameter coolingOfDays (did you mean coolingOffDays?)"
 * explains "coolingOffDays is required but missing", so the latter is left out.
 */
export function withoutExplainedMissing(found: Diagnostic[]): Diagnostic[] {
  const guessed = new Set(
    found.flatMap((d) => /\(did you mean (\S+)\?\)$/.exec(d.message)?.slice(1) ?? []),
  );
  return found.filter(
    (d) =>
      !(d.message === 'is required but missing' && guessed.has(d.pointer?.split('/').pop() ?? '')),
  );
}
