/**
 * Loads a rule set from a directory: every top-level *.yaml file is parsed with positions,
 * validated against its schema, cross-checked, and its message templates compiled. Every
 * problem in every file is collected; any error means no rule set at all, never a partial one.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import type { Consequence, PolicyFile, PolicyName, Rule, Text } from '../generated/policy-file.js';
import type { ParametersFile } from '../generated/parameters-file.js';
import type { SectionsFile } from '../generated/sections.js';
import { parseDocumentText, type ParsedDocument } from '../load/parse-document.js';
import { parseTemplate } from '../render/template.js';
import { readSchema, schemaErrors, type SchemaName } from '../validate/schemas.js';
import { schemaDiagnostics } from '../validate/schema-diagnostics.js';
import { ruleSetDigest } from './digest.js';
import type { CompiledText, PolicyDefinition, RuleSet } from './rule-set.js';

export type RuleSetOutcome = { ok: true; ruleSet: RuleSet; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** The policies in output order, as the policy-file schema lists them. */
export const POLICY_NAMES = (readSchema('policy-file') as { properties: { policy: { enum: PolicyName[] } } }).properties.policy.enum;

interface LoadedFile {
  name: string;
  path: string;
  text: string;
  document: ParsedDocument;
}

export interface LoadRuleSetOptions {
  /** Relative rule directories are read from here; diagnostics keep the path as given. Default: process.cwd(). */
  cwd?: string | undefined;
}

export async function loadRuleSet(dir: string, options: LoadRuleSetOptions = {}): Promise<RuleSetOutcome> {
  const diagnostics: Diagnostic[] = [];
  const cwd = options.cwd ?? process.cwd();
  let names: string[];
  try {
    names = (await readdir(resolve(cwd, dir), { withFileTypes: true }))
      .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    return { ok: false, diagnostics: [readFailed(dir, error)] };
  }

  const files: LoadedFile[] = [];
  const texts: Array<{ name: string; text: string }> = [];
  for (const name of names) {
    const path = join(dir, name);
    let text: string;
    try {
      text = await readFile(resolve(cwd, path), 'utf8');
    } catch (error) {
      diagnostics.push(readFailed(path, error));
      continue;
    }
    texts.push({ name, text });
    const parsed = parseDocumentText(text, 'yaml', path);
    if (!parsed.ok) diagnostics.push(...parsed.diagnostics);
    else files.push({ name, path, text, document: parsed.document });
  }

  const parameters = single(files, 'parameters.yaml', 'parameters-file', dir, diagnostics) as ParametersFile | undefined;
  const sectionsFile = single(files, 'sections.yaml', 'sections', dir, diagnostics) as SectionsFile | undefined;
  const sections = new Map((sectionsFile?.sections ?? []).map((section) => [section.id, section.summary]));

  const policies = new Map<PolicyName, PolicyDefinition>();
  const seenIds = new Map<string, string>();
  for (const file of files) {
    if (file.name === 'parameters.yaml' || file.name === 'sections.yaml') continue;
    const policy = policyFromFile(file, { sections: sectionsFile ? sections : undefined, seenIds, diagnostics });
    if (policy) policies.set(policy.name, policy);
  }
  for (const name of POLICY_NAMES) {
    if (!names.some((fileName) => fileName.replace(/\.ya?ml$/, '') === name)) {
      diagnostics.push({ severity: 'error', code: 'missing-rule-file', message: `the rule set has no ${name}.yaml; every policy needs its file`, file: join(dir, `${name}.yaml`) });
    }
  }

  if (hasErrors(diagnostics) || !parameters) return { ok: false, diagnostics };
  return {
    ok: true,
    diagnostics,
    ruleSet: deepFreeze({
      dir,
      digest: ruleSetDigest(texts),
      parameters: { ...parameters.parameters },
      sections,
      policies: POLICY_NAMES.flatMap((name) => policies.get(name) ?? []),
    }),
  };
}

/** A loaded rule set cannot be changed by anyone holding it, json-rules-engine included. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (value instanceof Map) for (const entry of value.values()) deepFreeze(entry);
    else for (const entry of Object.values(value)) deepFreeze(entry);
  }
  return value;
}

function readFailed(path: string, error: unknown): Diagnostic {
  const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message;
  return { severity: 'error', code: 'read-failed', message: `cannot read: ${reason}`, file: path };
}

function validated(file: LoadedFile, schema: SchemaName, diagnostics: Diagnostic[]): unknown {
  const errors = schemaErrors(schema, file.document.value);
  if (errors.length === 0) return file.document.value;
  diagnostics.push(...schemaDiagnostics(errors, file.document, file.path));
  return undefined;
}

function single(files: LoadedFile[], name: string, schema: SchemaName, dir: string, diagnostics: Diagnostic[]): unknown {
  const file = files.find((f) => f.name === name);
  if (!file) {
    if (!diagnostics.some((d) => d.file === join(dir, name))) {
      diagnostics.push({ severity: 'error', code: 'missing-rule-file', message: `the rule set has no ${name}`, file: join(dir, name) });
    }
    return undefined;
  }
  return validated(file, schema, diagnostics);
}

interface PolicyContext {
  /** Undefined when sections.yaml itself is broken: then sources cannot be checked. */
  sections: ReadonlyMap<string, string> | undefined;
  seenIds: Map<string, string>;
  diagnostics: Diagnostic[];
}

function policyFromFile(file: LoadedFile, context: PolicyContext): PolicyDefinition | undefined {
  const { diagnostics } = context;
  const stem = basename(file.name).replace(/\.ya?ml$/, '');
  if (!(POLICY_NAMES as readonly string[]).includes(stem)) {
    diagnostics.push({
      severity: 'error',
      code: 'unknown-rule-file',
      message: `a rule file must be parameters.yaml, sections.yaml or one of ${POLICY_NAMES.map((n) => `${n}.yaml`).join(', ')}`,
      file: file.path,
    });
    return undefined;
  }
  const policyFile = validated(file, 'policy-file', diagnostics) as PolicyFile | undefined;
  if (!policyFile) return undefined;
  const at = (pointer: string, key = false) => ({ file: file.path, pointer, ...file.document.locate(pointer, { key }) });
  const errorCount = diagnostics.length;
  if (policyFile.policy !== stem) {
    diagnostics.push({ severity: 'error', code: 'policy-name-mismatch', message: `this file holds policy ${JSON.stringify(policyFile.policy)}; it must be named ${policyFile.policy}.yaml, or hold policy ${JSON.stringify(stem)}`, ...at('/policy') });
  }
  const entries: Array<{ entry: Rule | Consequence; pointer: string }> = [
    ...policyFile.rules.map((entry, i) => ({ entry, pointer: `/rules/${i}` })),
    ...policyFile.consequences.map((entry, i) => ({ entry, pointer: `/consequences/${i}` })),
  ];
  for (const { entry, pointer } of entries) {
    const first = context.seenIds.get(entry.id);
    if (first !== undefined) {
      diagnostics.push({ severity: 'error', code: 'duplicate-id', message: `id ${entry.id} is already used at ${first}; ids must be unique across the rule set`, ...at(`${pointer}/id`) });
    } else {
      context.seenIds.set(entry.id, `${file.path}${pointer}`);
    }
    if (context.sections && !context.sections.has(entry.source)) {
      diagnostics.push({ severity: 'error', code: 'unknown-section', message: `the source document has no section ${JSON.stringify(entry.source)}; sections.yaml lists ${[...context.sections.keys()].join(', ')}`, ...at(`${pointer}/source`) });
    }
  }
  const compile = (text: Text, pointer: string): CompiledText => ({
    'zh-CN': compileTemplate(text['zh-CN'], `${pointer}/zh-CN`),
    en: compileTemplate(text.en, `${pointer}/en`),
  });
  const compileTemplate = (text: string, pointer: string) => {
    const outcome = parseTemplate(text);
    if (outcome.ok) return outcome.template;
    diagnostics.push({ severity: 'error', code: 'unknown-placeholder', message: outcome.message, ...at(pointer) });
    return [];
  };
  const policy: PolicyDefinition = {
    name: policyFile.policy,
    title: policyFile.title,
    requiresTarget: policyFile.requiresTarget ?? false,
    file: file.path,
    rules: policyFile.rules.map((rule, i) => ({
      id: rule.id,
      source: rule.source,
      description: rule.description,
      holdsWhen: rule.holdsWhen,
      reason: compile(rule.reason, `/rules/${i}/reason`),
    })),
    consequences: policyFile.consequences.map((consequence, i) => ({
      id: consequence.id,
      source: consequence.source,
      appliesWhen: consequence.appliesWhen,
      message: compile(consequence.message, `/consequences/${i}/message`),
    })),
  };
  return diagnostics.length === errorCount ? policy : undefined;
}
