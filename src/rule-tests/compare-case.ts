/**
 * Compares what a case expects with what came out. Only what the case states is compared;
 * each mismatch is one Difference, in the order lifecycle, policies (rule-set order), error.
 */
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { EvaluationResult, PolicyResult } from '../generated/evaluation-result.js';
import type {
  ExpectedError,
  ExpectedLifecycle,
  ExpectedOutcome,
  ExpectedPolicyResult,
} from '../generated/rule-tests.js';
import { epochMs } from '../facts/time.js';
import type { PolicyName } from '../rules/rule-set.js';
import type { Actual } from './run-case.js';
import type { Difference } from './rule-test-case.js';

export function compareCase(
  expect: ExpectedOutcome,
  actual: Actual,
  policyOrder: readonly PolicyName[],
): Difference[] {
  if (expect.error !== undefined) return compareError(expect.error, actual);
  if (actual.kind === 'refused') {
    return [
      {
        subject: 'error',
        field: 'diagnostic',
        expected: null,
        actual: actual.diagnostics.map(oneLine).join('; '),
      },
    ];
  }
  const differences: Difference[] = [];
  if (expect.lifecycle !== undefined)
    differences.push(...compareLifecycle(expect.lifecycle, actual.result.lifecycle));
  for (const name of policyOrder) {
    const expected = expect.policies?.[name];
    if (expected !== undefined)
      differences.push(...comparePolicy(name, expected, actual.result.policies[name]));
  }
  return differences;
}

function compareError(expected: ExpectedError, actual: Actual): Difference[] {
  const { code, pointer } =
    typeof expected === 'string' ? { code: expected, pointer: undefined } : expected;
  const wanted = pointer === undefined ? code : `${code} at ${pointer || '(the whole snapshot)'}`;
  if (actual.kind === 'evaluated')
    return [{ subject: 'error', field: 'diagnostic', expected: wanted, actual: null }];
  const matches = actual.diagnostics.some(
    (d) => d.code === code && (pointer === undefined || d.pointer === pointer),
  );
  return matches
    ? []
    : [
        {
          subject: 'error',
          field: 'diagnostic',
          expected: wanted,
          actual: actual.diagnostics.map(oneLine).join('; '),
        },
      ];
}

/** `file:line:col: code: pointer: message`, without the caret lines. */
function oneLine(diagnostic: Diagnostic): string {
  const { lineText: _drawnElsewhere, ...rest } = diagnostic;
  return formatDiagnostic(rest);
}

type Lifecycle = EvaluationResult['lifecycle'];
const TIME_FIELDS = new Set(['coolingOffEndsAt', 'phoneReleasedAt']);

function compareLifecycle(expected: ExpectedLifecycle, actual: Lifecycle): Difference[] {
  const fields = typeof expected === 'string' ? { state: expected } : expected;
  const differences: Difference[] = [];
  for (const [field, want] of Object.entries(fields) as Array<[keyof Lifecycle, string | number]>) {
    const got = actual[field] ?? null;
    // Times are instants: "2026-12-09T08:00:00+08:00" is the result's "2026-12-09T00:00:00.000Z".
    const same =
      TIME_FIELDS.has(field) && typeof want === 'string' && typeof got === 'string'
        ? epochMs(want) === epochMs(got)
        : want === got;
    if (!same) differences.push({ subject: 'lifecycle', field, expected: want, actual: got });
  }
  return differences;
}

function comparePolicy(
  name: PolicyName,
  expected: ExpectedPolicyResult,
  actual: PolicyResult | undefined,
): Difference[] {
  const differences: Difference[] = [];
  const differ = (field: string, want: Difference['expected'], got: Difference['actual']) => {
    if (JSON.stringify(want) !== JSON.stringify(got))
      differences.push({ subject: name, field, expected: want, actual: got });
  };
  if (expected.outcome !== undefined) differ('outcome', expected.outcome, actual?.outcome ?? null);
  if (expected.failing !== undefined)
    differ('failing', expected.failing, actual?.reasons.map((reason) => reason.rule) ?? null);
  for (const [id, message] of Object.entries(expected.messages ?? {})) {
    const shown =
      actual?.reasons.find((reason) => reason.rule === id) ??
      actual?.consequences.find((consequence) => consequence.id === id);
    differ(`message ${id}`, message, shown?.message ?? null);
  }
  if (expected.consequences !== undefined)
    differ(
      'consequences',
      expected.consequences,
      actual?.consequences.map((consequence) => consequence.id) ?? null,
    );
  return differences;
}
