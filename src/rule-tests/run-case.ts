/**
 * Runs one case through the public pipeline (Policy.decide), exactly as a
 * service or the evaluate command would, and returns what came out: a result, or the refusal.
 */
import type { Diagnostic } from '../diagnostics.js';
import { renderDecision } from '../render/decision.js';
import type { EvaluationResult } from '../generated/evaluation-result.js';
import type { Policy } from '../evaluate/policy.js';
import type { RuleTestCase } from './rule-test-case.js';

export type Actual =
  | { kind: 'evaluated'; result: EvaluationResult }
  | { kind: 'refused'; diagnostics: readonly Diagnostic[] };

export async function runCase(policy: Policy, testCase: RuleTestCase): Promise<Actual> {
  const options = { now: testCase.now, unbind: testCase.unbind, lang: testCase.lang };
  const { snapshot } = testCase;
  const input =
    snapshot.kind === 'file'
      ? { text: snapshot.text, file: snapshot.file }
      : { snapshot: snapshot.value };
  const outcome = await policy.decide(input, options);
  if (!outcome.ok) {
    return {
      kind: 'refused',
      diagnostics: outcome.diagnostics.map((d) => placeInCaseFile(d, testCase)),
    };
  }
  return { kind: 'evaluated', result: await renderDecision(outcome.decision) };
}

/**
 * An inline snapshot is evaluated as a value, so its diagnostics name only a pointer into the
 * snapshot; point them at the case file's line instead, where the author has to look.
 */
function placeInCaseFile(diagnostic: Diagnostic, testCase: RuleTestCase): Diagnostic {
  const { snapshot } = testCase;
  if (snapshot.kind !== 'inline' || diagnostic.pointer === undefined) return diagnostic;
  return {
    ...diagnostic,
    file: testCase.file,
    ...snapshot.document.locate(`${snapshot.pointer}${diagnostic.pointer}`),
  };
}
