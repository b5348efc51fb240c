/**
 * The JUnit XML report, for CI dashboards: a testsuite per policy, a testcase per listed
 * account × policy, `<failure>` with the reasons when the policy fails; inputs that gave no
 * decision are `<error>`s in an `input` testsuite. Counts on each element are of the testcases
 * in this file; the complete totals, when the list is capped, are in `<properties>`.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { locationText } from './report-labels.js';
import type { AccountEntry, PolicyTally, Report } from './report-model.js';

export function renderJunit(report: Report): string {
  // XML 1.0 cannot hold some control characters at all: a snapshot's text may; U+FFFD marks them.
  const root = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' }).ele(
    'testsuites',
    { name: 'account-policy report' },
  );
  let [tests, failures] = [0, 0];
  for (const policy of report.summary.policies) {
    const counted = addPolicySuite(root, report, policy);
    tests += counted.tests;
    failures += counted.failures;
  }
  const errors = report.errors.entries.length;
  if (report.errors.total > 0) addInputSuite(root, report);
  root.att({ tests: tests + errors, failures, errors });
  return `${root.end({ prettyPrint: true })}\n`;
}

/** A policy's testsuite: a testcase per listed account it decided; returns what it counted. */
function addPolicySuite(
  root: XMLBuilder,
  report: Report,
  policy: PolicyTally,
): { tests: number; failures: number } {
  const cases = report.accounts.entries.flatMap((account) => {
    const result = account.policies.find((p) => p.policy === policy.policy);
    return result ? [{ account, result }] : [];
  });
  const failed = cases.filter((c) => c.result.outcome === 'fail').length;
  const suite = root.ele('testsuite', {
    name: policy.policy,
    tests: cases.length,
    failures: failed,
    errors: 0,
    skipped: 0,
  });
  properties(suite, {
    title: policy.title,
    decided: policy.decided,
    pass: policy.pass,
    fail: policy.fail,
    notApplicable: policy.notApplicable,
    blocked: policy.blocked,
    'accounts.total': report.accounts.total,
    'accounts.listed': report.accounts.shown,
    ...logProperties(report),
  });
  for (const { account, result } of cases) {
    const testcase = suite.ele('testcase', {
      name: caseName(account),
      classname: `account-policy.${policy.policy}`,
    });
    if (result.outcome === 'fail') {
      const message = result.reasons.map((r) => r.rule).join(', ');
      const text = result.reasons.map((r) => `[${r.rule} §${r.source}] ${r.message}`).join('\n');
      testcase.ele('failure', { message, type: 'policy-failed' }).txt(text);
    }
  }
  return { tests: cases.length, failures: failed };
}

/** The `input` testsuite: an `<error>` per listed input that gave no decision. */
function addInputSuite(root: XMLBuilder, report: Report): void {
  const errors = report.errors.entries.length;
  const suite = root.ele('testsuite', {
    name: 'input',
    tests: errors,
    failures: 0,
    errors,
    skipped: 0,
  });
  properties(suite, {
    'errors.total': report.errors.total,
    'errors.listed': report.errors.shown,
    ...logProperties(report),
  });
  for (const error of report.errors.entries) {
    const where = locationText(error.at);
    const record = error.record ? `\nerror record at ${locationText(error.record)}` : '';
    suite
      .ele('testcase', { name: where, classname: 'account-policy.input' })
      .ele('error', { message: `${error.code}: ${error.message}`, type: error.code })
      .txt(`${where}: ${error.code}: ${error.message}${record}`);
  }
}

/** The account id, and where its decision was read, so two decisions of one account stay apart. */
function caseName(account: AccountEntry): string {
  return `${account.accountId} (${locationText(account.at)})`;
}

/** The verified head of the decision log read (and whether every input was one), in every suite. */
function logProperties(report: Report): Record<string, string | number> {
  const { logHead, verified } = report.provenance;
  return {
    ...(logHead ? { 'log.seq': logHead.seq, 'log.hash': logHead.hash } : {}),
    'provenance.verified': String(verified),
  };
}

function properties(suite: XMLBuilder, values: Record<string, string | number>): void {
  const list = suite.ele('properties');
  for (const [name, value] of Object.entries(values))
    list.ele('property', { name, value: String(value) });
}
