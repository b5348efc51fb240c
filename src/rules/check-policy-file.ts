/**
 * Checks what a policy file's schema cannot — id form and uniqueness, cited sections, message
 * placeholders, condition semantics — and turns a valid file into a PolicyDefinition. Entries
 * are checked one by one, each only if it is schema-valid itself, so a file with a schema error
 * still gets every other problem reported. Any error means no definition.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Consequence, PolicyFile, Rule, Text } from '../generated/policy-file.js';
import type { ParsedDocument } from '../load/parse-document.js';
import { parseTemplate, type Template } from '../render/template.js';
import { isValidAgainst } from '../validate/schemas.js';
import { compileCondition } from '../engine/compile-condition.js';
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

/**
 * @param value the parsed file, schema-valid or not
 * @param schemaValid whether the whole file passed its schema (only then is a definition built)
 */
export function checkPolicyFile(value: unknown, schemaValid: boolean, context: PolicyFileContext): PolicyDefinition | undefined {
  const { diagnostics, document, path } = context;
  const errorsBefore = diagnostics.length;
  const report = (code: Diagnostic['code'], pointer: string, message: string, key = false) =>
    diagnostics.push({ severity: 'error', code, message, file: path, pointer, ...document.locate(pointer, { key }) });
  const file = (value ?? {}) as Partial<PolicyFile>;
  const policyName = typeof file.policy === 'string' ? file.policy : context.expectedPolicy;

  if (typeof file.policy === 'string' && file.policy !== context.expectedPolicy) {
    report('policy-name-mismatch', '/policy', `this file holds policy ${JSON.stringify(file.policy)}; name it ${file.policy}.yaml, or make it hold policy ${JSON.stringify(context.expectedPolicy)}`);
  }
  const listed = <T>(list: unknown, definition: string, pointer: string) =>
    (Array.isArray(list) ? list : []).flatMap((entry: unknown, i) => (isValidAgainst('policy-file', definition, entry) ? [{ entry: entry as T, pointer: `${pointer}/${i}` }] : []));
  const rules = listed<Rule>(file.rules, '/$defs/rule', '/rules');
  const consequences = listed<Consequence>(file.consequences, '/$defs/consequence', '/consequences');
  for (const { entry, pointer } of [...rules, ...consequences]) {
    const [prefix, name = ''] = splitId(entry.id);
    if (prefix !== policyName || !KEBAB.test(name)) {
      report('bad-rule-id', `${pointer}/id`, `must be ${policyName}.<kebab-case-name>, e.g. ${policyName}.balance-zero, got ${JSON.stringify(entry.id)}`);
    }
    const first = context.seenIds.get(entry.id);
    if (first !== undefined) report('duplicate-id', `${pointer}/id`, `${entry.id} is already used at ${first}; ids must be unique across the rule set`);
    else context.seenIds.set(entry.id, `${path}${pointer}`);
    if (context.sections && !context.sections.has(entry.source)) {
      report('unknown-section', `${pointer}/source`, `the source document has no section ${JSON.stringify(entry.source)}; sections.yaml lists ${[...context.sections.keys()].join(', ')}`);
    }
  }
  const conditions = [
    ...rules.map(({ entry, pointer }) => ({ condition: entry.holdsWhen, pointer: `${pointer}/holdsWhen` })),
    ...consequences.flatMap(({ entry, pointer }) => (entry.appliesWhen ? [{ condition: entry.appliesWhen, pointer: `${pointer}/appliesWhen` }] : [])),
  ];
  for (const { condition, pointer } of conditions) {
    for (const problem of conditionProblems(condition, pointer)) report(problem.code, problem.pointer, problem.message);
  }

  const compileText = (text: Text, pointer: string): CompiledText => ({
    'zh-CN': compileTemplate(text['zh-CN'], `${pointer}/zh-CN`),
    en: compileTemplate(text.en, `${pointer}/en`),
  });
  const compileTemplate = (text: string, pointer: string): Template => {
    const outcome = parseTemplate(text);
    if (outcome.ok) return outcome.template;
    report('unknown-placeholder', pointer, outcome.message);
    return [];
  };
  const compiledRules = rules.map(({ entry, pointer }) => ({
    id: entry.id,
    source: entry.source,
    description: entry.description,
    holdsWhen: entry.holdsWhen,
    compiled: compileCondition(entry.holdsWhen),
    reason: compileText(entry.reason, `${pointer}/reason`),
  }));
  const compiledConsequences = consequences.map(({ entry, pointer }) => ({
    id: entry.id,
    source: entry.source,
    appliesWhen: entry.appliesWhen,
    compiled: entry.appliesWhen === undefined ? undefined : compileCondition(entry.appliesWhen),
    message: compileText(entry.message, `${pointer}/message`),
  }));
  if (!schemaValid || diagnostics.length !== errorsBefore) return undefined;
  const valid = file as PolicyFile;
  return { name: valid.policy, title: valid.title, requiresTarget: valid.requiresTarget ?? false, file: path, rules: compiledRules, consequences: compiledConsequences };
}

function splitId(id: string): [string, string | undefined] {
  const dot = id.indexOf('.');
  return dot < 0 ? [id, undefined] : [id.slice(0, dot), id.slice(dot + 1)];
}
