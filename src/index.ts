/**
 * account-policy: declarative YAML rules for cancelling (注销) versus unbinding (解绑) a
 * WeChat-style account, and an evaluator that returns pass/fail per policy with reasons in
 * Chinese and English, each traced to its section of the source text.
 */
export { loadPolicy, createPolicy } from './evaluate/policy.js';
export { renderDecision } from './render/decision.js';
export { decisionRecord } from './render/record.js';
export { loadRuleSet, POLICY_NAMES } from './rules/load-rule-set.js';
export { InvalidInputError, formatDiagnostic, hasErrors } from './diagnostics.js';
export { decisionIdOf, errorRecord, resultOfRecord } from './render/record.js';
export { runBatch } from './batch/run-batch.js';
export { appendToLog } from './audit/log/append-to-log.js';
export { verifyLog } from './audit/log/verify-log.js';
export { LogWriteError } from './audit/log/log-write-error.js';
export { buildReport } from './report/build-report.js';
export { renderReport, REPORT_FORMATS } from './report/render-report.js';
export { canonicalJson, digestOf } from './digest.js';
export { runRuleTests } from './rule-tests/run-rule-tests.js';
export { diffCorpus } from './diff/diff-corpus.js';
export { renderDiffText } from './diff/render-diff-text.js';
export {
  analyzeRules,
  analyzeRuleSet,
  analyzeRule,
  AnalysisBug,
} from './analysis/analyze-rule-set.js';

export type { Decision } from './render/decision.js';
export type {
  Policy,
  Decided,
  PolicyInput,
  TextInput,
  LoadPolicyOptions,
  EvaluateTextOptions,
  RecordOptions,
} from './evaluate/policy.js';
export type { EvaluateOptions, EngineName } from './evaluate/options.js';
export type { Lang } from './lang.js';
export type { Diagnostic, DiagnosticCode } from './diagnostics.js';
export type {
  RuleSet,
  PolicyDefinition,
  RuleDefinition,
  ConsequenceDefinition,
} from './rules/rule-set.js';
export type { RuleSetOutcome, LoadRuleSetOptions } from './rules/load-rule-set.js';
export type {
  EvaluationResult,
  PolicyResult,
  EntryTrace,
  ConditionTrace,
} from './generated/evaluation-result.js';
export type {
  AccountSnapshot,
  Authorization,
  BankCard,
  Cancellation,
} from './generated/account-snapshot.js';
export type { Facts } from './generated/facts.js';
export type { Analysis, EntryAnalysis, Witness, Answer } from './generated/analysis.js';
export type { RunRuleTestsOptions, RuleTestsOutcome } from './rule-tests/run-rule-tests.js';
export type {
  RuleTestReport,
  CaseResult,
  Difference,
  DiffValue,
  Coverage,
  RuleCoverage,
  ConsequenceCoverage,
} from './rule-tests/rule-test-case.js';
export type { RuleTestsFile } from './generated/rule-tests.js';
export type { DiffOptions, DiffOutcome } from './diff/diff-corpus.js';
export type { DiffTextOptions } from './diff/render-diff-text.js';
export type {
  DiffReport,
  PolicyDiff,
  RuleDiff,
  LifecycleDiff,
  Sample,
  InvalidSample,
  InvalidExample,
  RuleSetSummary,
} from './diff/diff-report.js';
export type { DecisionRecord, DecidedRecord, ErrorRecord, Source } from './render/record.js';
export type { BatchOptions, BatchSummary, BatchSink } from './batch/run-batch.js';
export type { AppendOptions } from './audit/log/append-to-log.js';
export type { LogVerification, VerifyLogOptions } from './audit/log/verify-log.js';
export type { LogProblem, LogProblemKind } from './audit/log/check-chain.js';
export type { LogEntry, LogHead } from './audit/log/log-entry.js';
export type { LogWriteFailure } from './audit/log/log-write-error.js';
export type { ReportOptions, ReportOutcome } from './report/build-report.js';
export type { ReportFormat } from './report/render-report.js';
export type {
  Report,
  ReportSummary,
  PolicyTally,
  FailingRule,
  AccountEntry,
  AccountPolicy,
  ErrorEntry,
  Capped,
  Tally,
  Location,
} from './report/report-model.js';
