/**
 * Checks a schema-valid case against the rule set before anything runs: every id it names must
 * belong to its policy and be listed in rule-set order, and the case must not contradict
 * itself. A case that could never pass is a mistake in the case file, not a failing test.
 */
import type { Diagnostic, DiagnosticCode } from '../diagnostics.js';
import type { ExpectedPolicyResult, TestCase } from '../generated/rule-tests.js';
import type { PolicyDefinition, RuleSet } from '../rules/rule-set.js';

/** The location fields of a diagnostic for a JSON pointer into the case file. */
export type Locate = (
  pointer: string,
  options?: { key?: boolean },
) => Pick<Diagnostic, 'file' | 'pointer' | 'line' | 'col' | 'lineText'>;

type Report = (
  code: DiagnosticCode,
  pointer: string,
  message: string,
  options?: { key?: boolean },
) => void;

export function checkCase(
  testCase: TestCase,
  pointer: string,
  ruleSet: RuleSet,
  locate: Locate,
): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const report: Report = (code, at, message, options) =>
    problems.push({ severity: 'error', code, message, ...locate(at, options) });

  const inline = testCase.snapshot !== undefined;
  if (inline === (testCase.snapshotFile !== undefined)) {
    report(
      'bad-rule-test',
      pointer,
      inline
        ? 'give either snapshot or snapshotFile, not both'
        : 'give the account as snapshot (written in place) or snapshotFile (a file relative to this one)',
    );
  }
  const { error, policies, lifecycle } = testCase.expect;
  if (error !== undefined && (policies !== undefined || lifecycle !== undefined)) {
    report(
      'bad-rule-test',
      `${pointer}/expect/error`,
      'a case that expects an error cannot also expect a lifecycle or policies (a refused snapshot is not evaluated); split it into two cases',
      { key: true },
    );
  }
  for (const definition of ruleSet.policies) {
    const expectation = policies?.[definition.name];
    if (expectation === undefined) continue;
    const at = `${pointer}/expect/policies/${definition.name}`;
    if (definition.requiresTarget && testCase.unbind === undefined) {
      report(
        'bad-rule-test',
        at,
        `${definition.name} is evaluated only for a target: add \`unbind: <binding id>\` to the case`,
        { key: true },
      );
    }
    checkPolicyExpectation(expectation, definition, ruleSet, at, report);
  }
  return problems;
}

function checkPolicyExpectation(
  expectation: ExpectedPolicyResult,
  policy: PolicyDefinition,
  ruleSet: RuleSet,
  at: string,
  report: Report,
): void {
  const { outcome, failing, consequences, messages } = expectation;
  const ruleIds = policy.rules.map((rule) => rule.id);
  const consequenceIds = policy.consequences.map((consequence) => consequence.id);

  if (outcome === 'pass' && failing !== undefined && failing.length > 0)
    report(
      'bad-rule-test',
      `${at}/failing`,
      'outcome pass means no rule fails: empty this list or drop outcome',
    );
  if (outcome === 'fail' && failing?.length === 0)
    report('bad-rule-test', `${at}/failing`, 'outcome fail needs at least one failing rule');
  const fails = outcome === 'fail' || (failing !== undefined && failing.length > 0);
  if (fails && consequences !== undefined && consequences.length > 0)
    report(
      'bad-rule-test',
      `${at}/consequences`,
      'a failing policy lists no consequences: empty this list',
    );

  checkIds(failing, ruleIds, 'rule', policy, ruleSet, `${at}/failing`, report);
  checkIds(
    consequences,
    consequenceIds,
    'consequence',
    policy,
    ruleSet,
    `${at}/consequences`,
    report,
  );
  for (const id of Object.keys(messages ?? {})) {
    if (!ruleIds.includes(id) && !consequenceIds.includes(id)) {
      report(
        'unknown-rule-id',
        `${at}/messages/${id}`,
        `${policy.name} has no rule or consequence ${id}${elsewhere(id, ruleSet)}`,
        { key: true },
      );
    }
  }
}

function checkIds(
  ids: readonly string[] | undefined,
  known: readonly string[],
  kind: string,
  policy: PolicyDefinition,
  ruleSet: RuleSet,
  at: string,
  report: Report,
): void {
  if (ids === undefined) return;
  let unknown = false;
  ids.forEach((id, i) => {
    if (known.includes(id)) return;
    unknown = true;
    report(
      'unknown-rule-id',
      `${at}/${i}`,
      `${policy.name} has no ${kind} ${id}${elsewhere(id, ruleSet)}; its ${kind}s are ${known.join(', ')}`,
    );
  });
  const ordered = [...ids].sort((a, b) => known.indexOf(a) - known.indexOf(b));
  if (!unknown && ordered.some((id, i) => id !== ids[i])) {
    report(
      'bad-rule-test',
      at,
      `list the ${kind}s in rule-set order, as they are reported: [${ordered.join(', ')}]`,
    );
  }
}

/** ", it belongs to withdraw" when the id exists in another policy: a common slip. */
function elsewhere(id: string, ruleSet: RuleSet): string {
  const owner = ruleSet.policies.find(
    (policy) =>
      policy.rules.some((rule) => rule.id === id) || policy.consequences.some((c) => c.id === id),
  );
  return owner ? ` (it belongs to ${owner.name})` : '';
}
