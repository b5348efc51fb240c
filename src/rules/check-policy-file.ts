/**
 * Turns one validated policy file into a PolicyDefinition, checking what its schema cannot:
 * id form and uniqueness, cited sections, message placeholders and condition semantics.
 * Problems are appended to `diagnostics`; any error means no definition.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Consequence, PolicyFile, Rule, Text } from '../generated/policy-file.js';
import type { ParsedDocument } from '../load/parse-document.js';
import { parseTemplate } from '../render/template.js';
import { conditionProblems } from './check-conditions.js';
import type { CompiledText, PolicyDefinition } from './rule-set.js';

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
}

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function checkPolicyFile(policyFile: PolicyFile, context: PolicyFileContext): PolicyDefinition | undefined {
  const { diagnostics, document, path } = context;
  const errorsBefore = diagnostics.length;
  const report = (code: Diagnostic['code'], pointer: string, message: string, key = false) =>
    diagnostics.push({ severity: 'error', code, message, file: path, pointer, ...document.locate(pointer, { key }) });

  if (policyFile.policy !== context.expectedPolicy) {
    report('policy-name-mismatch', '/policy', `this file holds policy ${JSON.stringify(policyFile.policy)}; name it ${policyFile.policy}.yaml, or make it hold policy ${JSON.stringify(context.expectedPolicy)}`);
  }
  const entries: Array<{ entry: Rule | Consequence; pointer: string }> = [
    ...policyFile.rules.map((entry, i) => ({ entry, pointer: `/rules/${i}` })),
    ...policyFile.consequences.map((entry, i) => ({ entry, pointer: `/consequences/${i}` })),
  ];
  for (const { entry, pointer } of entries) {
    const [prefix, name = ''] = splitId(entry.id);
    if (prefix !== policyFile.policy || !KEBAB.test(name)) {
      report('bad-rule-id', `${pointer}/id`, `must be ${policyFile.policy}.<kebab-case-name>, e.g. ${policyFile.policy}.balance-zero, got ${JSON.stringify(entry.id)}`);
    }
    const first = context.seenIds.get(entry.id);
    if (first !== undefined) report('duplicate-id', `${pointer}/id`, `${entry.id} is already used at ${first}; ids must be unique across the rule set`);
    else context.seenIds.set(entry.id, `${path}${pointer}`);
    if (context.sections && !context.sections.has(entry.source)) {
      report('unknown-section', `${pointer}/source`, `the source document has no section ${JSON.stringify(entry.source)}; sections.yaml lists ${[...context.sections.keys()].join(', ')}`);
    }
  }
  const conditions = [
    ...policyFile.rules.map((rule, i) => ({ condition: rule.holdsWhen, pointer: `/rules/${i}/holdsWhen` })),
    ...policyFile.consequences.flatMap((c, i) => (c.appliesWhen ? [{ condition: c.appliesWhen, pointer: `/consequences/${i}/appliesWhen` }] : [])),
  ];
  for (const { condition, pointer } of conditions) {
    for (const problem of conditionProblems(condition, pointer)) report(problem.code, problem.pointer, problem.message);
  }

  const compileText = (text: Text, pointer: string): CompiledText => ({
    'zh-CN': compileTemplate(text['zh-CN'], `${pointer}/zh-CN`),
    en: compileTemplate(text.en, `${pointer}/en`),
  });
  const compileTemplate = (text: string, pointer: string) => {
    const outcome = parseTemplate(text);
    if (outcome.ok) return outcome.template;
    report('unknown-placeholder', pointer, outcome.message);
    return [];
  };
  const policy: PolicyDefinition = {
    name: policyFile.policy,
    title: policyFile.title,
    requiresTarget: policyFile.requiresTarget ?? false,
    file: path,
    rules: policyFile.rules.map((rule, i) => ({
      id: rule.id,
      source: rule.source,
      description: rule.description,
      holdsWhen: rule.holdsWhen,
      reason: compileText(rule.reason, `/rules/${i}/reason`),
    })),
    consequences: policyFile.consequences.map((consequence, i) => ({
      id: consequence.id,
      source: consequence.source,
      appliesWhen: consequence.appliesWhen,
      message: compileText(consequence.message, `/consequences/${i}/message`),
    })),
  };
  return diagnostics.length === errorsBefore ? policy : undefined;
}

function splitId(id: string): [string, string | undefined] {
  const dot = id.indexOf('.');
  return dot < 0 ? [id, undefined] : [id.slice(0, dot), id.slice(dot + 1)];
}
