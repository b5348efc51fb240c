/* Generated from schemas/rule-tests.schema.json by scripts/generate-types.mjs: do not edit. */

/**
 * The cases of this file, run in order.
 *
 * @minItems 1
 */
export type TestCases = [TestCase, ...TestCase[]];
/**
 * What the case shows, in a sentence; printed beside ✓ or ✗.
 */
export type Description = string;
/**
 * The evaluation time, RFC 3339 with a zone offset, e.g. "2026-11-24T00:00:00Z" (quote it). Required so that a case never depends on the clock.
 */
export type EvaluationTime = string;
/**
 * A JSON or YAML snapshot file, relative to this case file, e.g. fixtures/blocked.yaml. For larger snapshots shared by several cases.
 */
export type AccountSnapshotFile = string;
/**
 * A bank card or authorization id: the `unbind` policy is evaluated for it (like --unbind). Required to expect anything of `unbind`. Default: none.
 */
export type UnbindTarget = string;
/**
 * Language of the messages the case expects. Default: zh-CN.
 */
export type Language = 'zh-CN' | 'en';
/**
 * The lifecycle state (none, withdrawn, cooling_off, cancelled), or a mapping of the lifecycle fields to check.
 */
export type ExpectedLifecycle = LifecycleState | LifecycleFields;
/**
 * none: no request; withdrawn: a login aborted the request; cooling_off: inside the cooling-off period; cancelled: final.
 */
export type LifecycleState = 'none' | 'withdrawn' | 'cooling_off' | 'cancelled';
/**
 * retained, scheduled_for_deletion or deleted.
 */
export type DataState = 'retained' | 'scheduled_for_deletion' | 'deleted';
/**
 * When the cooling-off period ends (requestedAt + coolingOffDays); present in cooling_off and cancelled.
 */
export type EndOfCoolingOff = string;
/**
 * Whole days of cooling-off left, rounded up; present in cooling_off.
 */
export type DaysRemaining = number;
/**
 * When the phone number is released (end of cooling-off + phoneReleaseDays); present in cancelled.
 */
export type PhoneReleasedAt = string;
/**
 * pass: every rule holds; fail: at least one does not.
 */
export type Outcome = 'pass' | 'fail';
/**
 * <policy>.<name>, e.g. cancel.balance-zero.
 */
export type RuleOrConsequenceId = string;
/**
 * Exactly the rules that must not hold, in rule-set order; [] means every rule holds.
 */
export type FailingRules = RuleOrConsequenceId[];
/**
 * Exactly the consequence ids the policy must list, in rule-set order (only a passing policy lists any).
 */
export type Consequences = RuleOrConsequenceId[];
/**
 * The snapshot must be refused with this diagnostic code, e.g. inconsistent-time; or a mapping with the code and the JSON pointer it must name.
 */
export type ExpectedError = SnapshotErrorCode | ExpectedErrorInDetail;
/**
 * A code an invalid snapshot is refused with (docs/diagnostics.md).
 */
export type SnapshotErrorCode =
  'syntax' | 'duplicate-key' | 'unsupported-yaml' | 'schema' | 'duplicate-binding-id' | 'inconsistent-time';
/**
 * Where in the snapshot the problem is, e.g. /cancellation/firstLoginAt.
 */
export type JSONPointer = string;

/**
 * rules/tests/<name>.yaml: rule test cases. Each case evaluates one account snapshot at a fixed time with the rules beside it and states what must come out: the lifecycle, each listed policy's outcome, failing rule ids, messages and consequences, or the error the snapshot must be refused with. `account-policy test` runs them all.
 */
export interface RuleTestsFile {
  cases: TestCases;
}
/**
 * One snapshot, evaluated at `now`, and what must come out. Give exactly one of `snapshot` and `snapshotFile`.
 */
export interface TestCase {
  description: Description;
  now: EvaluationTime;
  snapshot?: AccountSnapshotInline;
  snapshotFile?: AccountSnapshotFile;
  unbind?: UnbindTarget;
  lang?: Language;
  expect: ExpectedOutcome;
}
/**
 * The account snapshot, written in place (schemas/account-snapshot.schema.json). It is checked when the case runs, so a case may give an invalid snapshot and expect an `error`.
 */
export interface AccountSnapshotInline {}
/**
 * What must come out. Only what is written here is checked: policies not listed, and fields not given, are not. Either `error`, or `lifecycle` and/or `policies`.
 */
export interface ExpectedOutcome {
  lifecycle?: ExpectedLifecycle;
  policies?: ExpectedPolicies;
  error?: ExpectedError;
}
/**
 * The lifecycle fields to check; those not given are not checked. Times are compared as instants, so any zone offset may be used.
 */
export interface LifecycleFields {
  state?: LifecycleState;
  data?: DataState;
  coolingOffEndsAt?: EndOfCoolingOff;
  daysRemaining?: DaysRemaining;
  phoneReleasedAt?: PhoneReleasedAt;
}
/**
 * The policies to check, by name; a policy not listed is not checked. `unbind` needs the case's `unbind` target.
 */
export interface ExpectedPolicies {
  cancel?: ExpectedPolicyResult;
  unbind?: ExpectedPolicyResult;
  withdraw?: ExpectedPolicyResult;
  'phone-reuse'?: ExpectedPolicyResult;
}
/**
 * What this policy must return. Give `failing` (or `outcome: pass`) to check every rule of the policy; only then does the case count towards rule coverage.
 */
export interface ExpectedPolicyResult {
  outcome?: Outcome;
  failing?: FailingRules;
  messages?: Messages;
  consequences?: Consequences;
}
/**
 * The exact message expected for a failing rule (its reason) or a listed consequence, by id, in the case's language.
 */
export interface Messages {
  [k: string]: string;
}
/**
 * The diagnostic code, and the JSON pointer into the snapshot it must name.
 */
export interface ExpectedErrorInDetail {
  code: SnapshotErrorCode;
  pointer?: JSONPointer;
}
