/**
 * The library entry point of rule testing: load the rule set and its cases (<rules>/tests/),
 * run every case through the public pipeline, compare, and tally coverage. Returns data;
 * printing and exit statuses are the CLI's business.
 */
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { shippedRulesFrom } from '../paths.js';
import { createPolicy } from '../evaluate/policy.js';
import { loadRuleSet } from '../rules/load-rule-set.js';
import { compareCase } from './compare-case.js';
import { tallyCoverage, type CaseRun } from './coverage.js';
import { loadCaseFiles } from './load-case-files.js';
import { runCase } from './run-case.js';
import type { CaseResult, RuleTestReport } from './rule-test-case.js';

export interface RunRuleTestsOptions {
  /** The rule directory; its cases are in <rules>/tests/*.yaml. Default: the shipped rules/. */
  rules?: string | undefined;
  /** A relative `rules` is read from here, and file names are shown relative to it. Default: process.cwd(). */
  cwd?: string | undefined;
}

/**
 * `ok: false` when the rule set or a case file is invalid: then no case has run. `caseFiles`:
 * each case file's text as the cases were read from it.
 */
export type RuleTestsOutcome =
  | { ok: true; report: RuleTestReport; caseFiles: ReadonlyMap<string, string> }
  | { ok: false; diagnostics: Diagnostic[] };

export async function runRuleTests(options: RunRuleTestsOptions = {}): Promise<RuleTestsOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const rules = options.rules ?? shippedRulesFrom(cwd);
  const ruleSet = await loadRuleSet(rules, { cwd });
  if (!ruleSet.ok) return ruleSet;
  const policy = createPolicy(ruleSet.ruleSet, ruleSet.diagnostics);
  const loaded = await loadCaseFiles(join(rules, 'tests'), { cwd, ruleSet: policy.ruleSet });
  if (!loaded.ok) return loaded;

  const order = policy.ruleSet.policies.map((definition) => definition.name);
  const runs: CaseRun[] = [];
  const cases: CaseResult[] = [];
  // One at a time: the output must list cases in file order, and they are fast.
  for (const testCase of loaded.cases) {
    const actual = await runCase(policy, testCase);
    const differences = compareCase(testCase.expect, actual, order);
    const passed = differences.length === 0;
    runs.push({ testCase, actual, passed });
    const { file, index, line, description } = testCase;
    cases.push({ file, index, line, description, passed, differences });
  }
  const passed = cases.filter((result) => result.passed).length;
  return {
    ok: true,
    caseFiles: loaded.texts,
    report: {
      rules: { dir: rules, digest: policy.ruleSet.digest },
      cases,
      summary: { passed, failed: cases.length - passed },
      coverage: tallyCoverage(policy.ruleSet, runs),
    },
  };
}
