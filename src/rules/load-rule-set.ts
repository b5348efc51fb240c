/**
 * Loads a rule set from a directory: every top-level *.yaml file is parsed with positions,
 * validated against its schema (every error, not just the first), checked (check-policy-file.ts)
 * and its message templates compiled. Every problem in every file is collected; any error
 * means no rule set at all, never a partial one. Warnings do not stop the load.
 */
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { hasErrors, inBothLanguages } from '../diagnostics.js';
import type { ParametersFile } from '../generated/parameters-file.js';
import type { PolicyName } from '../generated/policy-file.js';
import type { SectionsFile } from '../generated/sections.js';
import { readSchema, schemaErrors, type SchemaName } from '../validate/schemas.js';
import { schemaDiagnostics, type RefineSchemaError } from '../validate/schema-diagnostics.js';
import { checkPolicyFile } from './check-policy-file.js';
import { frozenRuleSet } from './freeze.js';
import { missingContractIds } from './contract-ids.js';
import { ruleSetDigest } from './digest.js';
import { readRuleFiles, type LoadedFile } from './read-rule-files.js';
import {
  refineParametersFileError,
  refinePolicyFileError,
  withoutExplainedMissing,
} from './rule-file-codes.js';
import type { PolicyDefinition, RuleSet } from './rule-set.js';
import { checkTimeZone } from './time-zone.js';

export type RuleSetOutcome =
  | { ok: true; ruleSet: RuleSet; diagnostics: Diagnostic[]; positions: EntryPositions }
  | { ok: false; diagnostics: Diagnostic[] };

/** Where each rule and consequence is written: id → file and the line:col of its list entry. */
export type EntryPositions = ReadonlyMap<string, { file: string; line?: number; col?: number }>;

/** The policies in output order, as the policy-file schema lists them. */
export const POLICY_NAMES = (
  readSchema('policy-file') as { properties: { policy: { enum: PolicyName[] } } }
).properties.policy.enum;

const POLICY_FILES = POLICY_NAMES.map((name) => `${name}.yaml`).join(', ');

export interface LoadRuleSetOptions {
  /** Relative rule directories are read from here; diagnostics keep the path as given. Default: process.cwd(). */
  cwd?: string | undefined;
  /**
   * false: leave out the prover's verdicts (rule-cannot-fail and the like), so a rule set with
   * such rules still loads; `analyze` gives its own verdicts. Default: true.
   */
  proofs?: boolean | undefined;
}

export async function loadRuleSet(
  dir: string,
  options: LoadRuleSetOptions = {},
): Promise<RuleSetOutcome> {
  const diagnostics: Diagnostic[] = [];
  const read = await readRuleFiles(dir, options.cwd ?? process.cwd(), diagnostics);
  if (!read) return { ok: false, diagnostics };
  const { names, files, texts } = read;
  const required = (name: string) => {
    const file = files.find((f) => f.name === name);
    if (!file && !names.includes(name)) {
      const message = `the rule set has no ${name}`;
      diagnostics.push({
        severity: 'error',
        code: 'missing-rule-file',
        message,
        file: join(dir, name),
      });
    }
    return file;
  };
  const parametersFile = required('parameters.yaml');
  const parameters =
    parametersFile &&
    (validated(parametersFile, 'parameters-file', diagnostics, refineParametersFileError) as
      ParametersFile | undefined);
  const timeZone =
    parametersFile &&
    parameters &&
    checkTimeZone(parametersFile, parameters.parameters.timeZone, diagnostics);
  const sectionsFile = required('sections.yaml');
  const sectionList =
    sectionsFile && (validated(sectionsFile, 'sections', diagnostics) as SectionsFile | undefined);
  const sections = sectionList
    ? new Map(sectionList.sections.map((s) => [s.id, s.summary]))
    : undefined;
  const positions = new Map<string, { file: string; line?: number; col?: number }>();
  const proofs = options.proofs ?? true;
  const policies = checkPolicies(files, { sections, proofs, positions }, diagnostics);
  diagnostics.push(...missingPolicyFiles(names, dir));
  diagnostics.sort(inReadingOrder);

  if (hasErrors(diagnostics) || !parameters || !timeZone || !sections)
    return { ok: false, diagnostics };
  return {
    ok: true,
    diagnostics,
    positions,
    ruleSet: frozenRuleSet({
      dir,
      digest: ruleSetDigest(texts),
      parameters: { ...parameters.parameters, timeZone },
      sections,
      policies: POLICY_NAMES.flatMap((name) => policies.get(name) ?? []),
    }),
  };
}

/** Every policy file, schema-validated and checked; the ones without errors, by name. */
interface CheckPoliciesOptions {
  sections: ReadonlyMap<string, string> | undefined;
  proofs: boolean;
  /** Filled in: where each entry of a policy that loaded is written. */
  positions: Map<string, { file: string; line?: number; col?: number }>;
}

function checkPolicies(
  files: readonly LoadedFile[],
  { sections, proofs, positions }: CheckPoliciesOptions,
  diagnostics: Diagnostic[],
): Map<PolicyName, PolicyDefinition> {
  const policies = new Map<PolicyName, PolicyDefinition>();
  const seenIds = new Map<string, string>();
  for (const file of files) {
    if (file.name === 'parameters.yaml' || file.name === 'sections.yaml') continue;
    const stem = file.name.replace(/\.ya?ml$/, '');
    if (!(POLICY_NAMES as readonly string[]).includes(stem)) {
      diagnostics.push({
        severity: 'error',
        code: 'unknown-rule-file',
        ...inBothLanguages({
          'zh-CN': `规则文件只能是 parameters.yaml、sections.yaml 或 ${POLICY_FILES} 之一`,
          en: `a rule file must be parameters.yaml, sections.yaml or one of ${POLICY_FILES}`,
        }),
        file: file.path,
      });
      continue;
    }
    const schemaValid =
      validated(file, 'policy-file', diagnostics, refinePolicyFileError) !== undefined;
    const { path, document } = file;
    const context = {
      path,
      document,
      expectedPolicy: stem,
      sections,
      seenIds,
      diagnostics,
      proofs,
    };
    const policy = checkPolicyFile(document.value, schemaValid, context);
    if (!policy) continue;
    policies.set(policy.name, policy);
    const place = (list: string) => (entry: { id: string }, i: number) =>
      positions.set(entry.id, { file: path, ...document.locate(`/${list}/${i}`) });
    policy.rules.forEach(place('rules'));
    policy.consequences.forEach(place('consequences'));
  }
  const locate = (path: string, pointer: string) =>
    files.find((f) => f.path === path)?.document.locate(pointer) ?? {};
  diagnostics.push(...missingContractIds(policies, locate));
  return policies;
}

function missingPolicyFiles(names: readonly string[], dir: string): Diagnostic[] {
  return POLICY_NAMES.filter(
    (name) => !names.some((fileName) => fileName.replace(/\.ya?ml$/, '') === name),
  ).map((name) => ({
    severity: 'error',
    code: 'missing-rule-file',
    ...inBothLanguages({
      'zh-CN': `这套规则没有 ${name}.yaml；每个策略都需要自己的文件`,
      en: `the rule set has no ${name}.yaml; every policy needs its file`,
    }),
    file: join(dir, `${name}.yaml`),
  }));
}

/** By file, then line and column; problems without a position first within their file. */
function inReadingOrder(a: Diagnostic, b: Diagnostic): number {
  const file = (a.file ?? '').localeCompare(b.file ?? '');
  return file !== 0 ? file : (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0);
}

function validated(
  file: LoadedFile,
  schema: SchemaName,
  diagnostics: Diagnostic[],
  refine?: RefineSchemaError,
): unknown {
  const errors = schemaErrors(schema, file.document.value, 'all');
  if (errors.length === 0) return file.document.value;
  const found = schemaDiagnostics(errors, file.document, file.path, refine, { bilingual: true });
  diagnostics.push(...withoutExplainedMissing(found));
  return undefined;
}
