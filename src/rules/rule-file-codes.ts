/**
 * The schemas catch most rule-file mistakes; this names the common ones with their own codes
 * and plainer messages, so a compliance editor sees "unknown-operator", not a schema path.
 */
import type { RefineSchemaError } from '../validate/schema-diagnostics.js';
import { OPERATOR_NAMES } from './operators.js';

const OPERATORS = OPERATOR_NAMES.join(', ');

function lastSegment(pointer: string): string {
  return pointer.slice(pointer.lastIndexOf('/') + 1);
}

export const refinePolicyFileError: RefineSchemaError = (error, pointer, _message, value) => {
  const last = lastSegment(pointer);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'enum' && last === 'operator') {
    return {
      code: 'unknown-operator',
      message: `${JSON.stringify(value)} is not an operator json-rules-engine has; use one of ${OPERATORS}`,
    };
  }
  if (error.keyword === 'enum' && last === 'fact') {
    return {
      code: 'unknown-fact-path',
      message: `${JSON.stringify(value)} is not a fact; use one of ${(error.params as { allowedValues: string[] }).allowedValues.join(', ')} (schemas/facts.schema.json describes them)`,
    };
  }
  if (error.keyword === 'pattern' && last === 'path') {
    return {
      code: 'unsafe-path',
      message: `${JSON.stringify(value)} is not a plain property path such as $.balanceFen: filters, wildcards, recursion and scripts are refused`,
    };
  }
  if (error.keyword === 'minItems' && (last === 'all' || last === 'any')) {
    return {
      code: 'empty-condition',
      message: `an empty ${last} would hold (or fail) without looking at anything; list at least one condition`,
    };
  }
  if (
    error.keyword === 'required' &&
    (params.missingProperty === 'zh-CN' || params.missingProperty === 'en')
  ) {
    return {
      code: 'missing-translation',
      message: `the ${params.missingProperty === 'en' ? 'English' : 'Chinese'} text is missing; every text needs zh-CN and en`,
    };
  }
  if (
    (error.keyword === 'minItems' && pointer === '/rules') ||
    (error.keyword === 'required' && pointer === '/rules')
  ) {
    return {
      code: 'policy-without-rules',
      message: 'a policy needs at least one rule; without rules it would always pass',
    };
  }
  return undefined;
};

export const refineParametersFileError: RefineSchemaError = (_error, pointer, message) =>
  pointer.startsWith('/parameters') ? { code: 'bad-parameter', message } : undefined;
