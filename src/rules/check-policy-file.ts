/**
 * Checks what a policy file's schema cannot — id form and uniqueness, cited sections, message
 * placeholders, condition semantics — and turns a valid file into a PolicyDefinition. Entries
 * are checked one by one, each only if it is schema-valid itself, so a file with a schema error
 * still gets every other problem reported. Any error means no definition.
 */
import { hasErrors, inBothLanguages, type Diagnostic } from '../diagnostics.js';
import type { Consequence, PolicyFile, Rule, Text } from '../generated/policy-file.js';
import type { ParsedDocument } from '../load/parse-document.js';
import { LANGS } from '../lang.js';
import { isValidAgainst } from '../validate/schemas.js';
import { conditionProblems } from './check-conditions.js';
import { targetMismatch } from './contract-ids.js';
import { checkVerdicts } from './check-verdicts.js';
import type { PolicyDefinition } from './rule-set.js';
import { parseTemplate } from './template.js';

export interface PolicyFileContext {
  path: string;
  document: ParsedDocument;
  /** The policy the file name promises, e.g. "cancel" for cancel.yaml. */
  expectedPolicy: string;
  /** Undefined when sections.yaml itself is broken: then sources cannot be checked. */
  sections: ReadonlyMap<string, string> | undefined;
  /** id → where it was first defined, across the whole rule set. */
  seenIds: Map<string, string>;
  diagnostics: Diagnostic[];
  /** false: skip the prover's verdicts (load-rule-set.ts `proofs`). Default: true. */
  proofs?: boolean | undefined;
}

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

type Report = (
  code: Diagnostic['code'],
  pointer: string,
  message: string | Text,
  within?: number,
) => void;
interface Listed<T> {
  entry: T;
  pointer: string;
}

/**
 * @param value the parsed file, schema-valid or not
 * @param schemaValid whether the whole file passed its schema (only then is a definition built)
 */
export function checkPolicyFile(
  value: unknown,
  schemaValid: boolean,
  context: PolicyFileContext,
): PolicyDefinition | undefined {
  const { diagnostics, document, path } = context;
  const errorsBefore = diagnostics.length;
  const report: Report = (code, pointer, message, within) =>
    diagnostics.push({
      severity: 'error',
      code,
      ...(typeof message === 'string' ? { message } : { message: message.en, messages: message }),
      file: path,
      pointer,
      ...document.locate(pointer, within === undefined ? {} : { within }),
    });
  const file = (value ?? {}) as Partial<PolicyFile>;
  const policyName = typeof file.policy === 'string' ? file.policy : context.expectedPolicy;
  if (typeof file.policy === 'string' && file.policy !== context.expectedPolicy) {
    report('policy-name-mismatch', '/policy', {
      'zh-CN': `这个文件写的是策略 ${JSON.stringify(file.policy)}：请把文件命名为 ${file.policy}.yaml，或把策略改为 ${JSON.stringify(context.expectedPolicy)}`,
      en: `this file holds policy ${JSON.stringify(file.policy)}; name it ${file.policy}.yaml, or make it hold policy ${JSON.stringify(context.expectedPolicy)}`,
    });
  }
  const target = targetMismatch(file.requiresTarget, policyName);
  if (target) report('target-contract-mismatch', target.pointer, target.message);
  const rules = listed<Rule>(file.rules, '/$defs/rule', '/rules');
  const consequences = listed<Consequence>(
    file.consequences,
    '/$defs/consequence',
    '/consequences',
  );
  for (const item of [...rules, ...consequences]) checkEntry(item, policyName, context, report);
  for (const { condition, pointer } of conditionsOf(rules, consequences)) {
    for (const problem of conditionProblems(condition, pointer)) {
      report(problem.code, problem.pointer, problem.message);
    }
  }
  for (const { entry, pointer } of rules) checkText(entry.reason, `${pointer}/reason`, report);
  for (const { entry, pointer } of consequences)
    checkText(entry.message, `${pointer}/message`, report);
  if (!schemaValid || diagnostics.length !== errorsBefore) return undefined;
  if (context.proofs !== false)
    checkVerdicts(rules, consequences, report, (pointer, code, message) =>
      diagnostics.push({
        severity: 'warning',
        code,
        ...inBothLanguages(message),
        file: path,
        pointer,
        ...document.locate(pointer),
      }),
    );
  if (diagnostics.length !== errorsBefore && hasErrors(diagnostics.slice(errorsBefore)))
    return undefined;
  return definition(file as PolicyFile, path);
}

/** The entries of a list that are schema-valid themselves, with where they are. */
function listed<T>(list: unknown, definition: string, pointer: string): Array<Listed<T>> {
  return (Array.isArray(list) ? list : []).flatMap((entry: unknown, i) =>
    isValidAgainst('policy-file', definition, entry, 'all')
      ? [{ entry: entry as T, pointer: `${pointer}/${i}` }]
      : [],
  );
}

/** Id form, id uniqueness across the rule set, and the cited section. */
function checkEntry(
  { entry, pointer }: Listed<Rule | Consequence>,
  policyName: string,
  context: PolicyFileContext,
  report: Report,
): void {
  const [prefix, name = ''] = splitId(entry.id);
  if (prefix !== policyName || !KEBAB.test(name)) {
    report('bad-rule-id', `${pointer}/id`, {
      'zh-CN': `应写成 ${policyName}.<小写连字符名称>，例如 ${policyName}.balance-zero，实际为 ${JSON.stringify(entry.id)}`,
      en: `must be ${policyName}.<kebab-case-name>, e.g. ${policyName}.balance-zero, got ${JSON.stringify(entry.id)}`,
    });
  }
  const first = context.seenIds.get(entry.id);
  if (first !== undefined) {
    report('duplicate-id', `${pointer}/id`, {
      'zh-CN': `${entry.id} 已在 ${first} 使用过；整套规则中的 id 不能重复`,
      en: `${entry.id} is already used at ${first}; ids must be unique across the rule set`,
    });
  } else context.seenIds.set(entry.id, `${context.path}${pointer}`);
  if (context.sections && !context.sections.has(entry.source)) {
    report('unknown-section', `${pointer}/source`, {
      'zh-CN': `原文没有第 ${JSON.stringify(entry.source)} 节；sections.yaml 列出的章节是 ${[...context.sections.keys()].join(', ')}`,
      en: `the source document has no section ${JSON.stringify(entry.source)}; sections.yaml lists ${[...context.sections.keys()].join(', ')}`,
    });
  }
}

function conditionsOf(rules: Array<Listed<Rule>>, consequences: Array<Listed<Consequence>>) {
  return [
    ...rules.map(({ entry, pointer }) => ({
      condition: entry.holdsWhen,
      pointer: `${pointer}/holdsWhen`,
    })),
    ...consequences.flatMap(({ entry, pointer }) =>
      entry.appliesWhen
        ? [{ condition: entry.appliesWhen, pointer: `${pointer}/appliesWhen` }]
        : [],
    ),
  ];
}

/** Every placeholder of a message must name a fact the catalogue has, in both languages. */
function checkText(text: Text, pointer: string, report: Report): void {
  for (const lang of LANGS) {
    const outcome = parseTemplate(text[lang], lang);
    if (!outcome.ok)
      report('unknown-placeholder', `${pointer}/${lang}`, outcome.message, outcome.offset);
  }
}

/** The checked file as plain data: texts as written, conditions as written. */
function definition(file: PolicyFile, path: string): PolicyDefinition {
  return {
    name: file.policy,
    title: file.title,
    requiresTarget: file.requiresTarget ?? false,
    file: path,
    rules: file.rules.map((rule) => ({
      id: rule.id,
      source: rule.source,
      description: rule.description,
      holdsWhen: rule.holdsWhen,
      reason: rule.reason,
      premise: rule.premise ?? false,
    })),
    consequences: (file.consequences ?? []).map((consequence) => ({
      id: consequence.id,
      source: consequence.source,
      appliesWhen: consequence.appliesWhen,
      message: consequence.message,
    })),
  };
}

function splitId(id: string): [string, string | undefined] {
  const dot = id.indexOf('.');
  return dot < 0 ? [id, undefined] : [id.slice(0, dot), id.slice(dot + 1)];
}
