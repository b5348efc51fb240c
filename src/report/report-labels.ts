/**
 * The words of the HTML and Markdown reports, in each language, and (re-exported from
 * report-numbers.ts) the number formats they share. Rule ids, policy names, digests and codes
 * stay as they are: auditors search for them.
 */
import type { Lifecycle } from '../generated/decision-record.js';
import type { Lang } from '../lang.js';
import { group } from './report-numbers.js';

export interface ReportLabels {
  title: string;
  /** After a label: full-width in Chinese. */
  colon: string;
  inputs: string;
  rules: string;
  shippedRules: string;
  evaluatedAtOption: string;
  eachCapturedAt: string;
  accounts: string;
  errors: string;
  evaluatedBetween: string;
  evaluatedAt: string;
  ruleSets: string;
  engine: string;
  warnings: string;
  outcomes: string;
  policy: string;
  decided: string;
  pass: string;
  fail: string;
  /** The two kinds of fail: every reason a premise, or any other. */
  notApplicable: string;
  blocked: string;
  /** What the two mean, under the outcomes table; `premises` is the list of premise rule ids. */
  failSplit(premises: string): string;
  /** Between the ids of that list. */
  listSeparator: string;
  failPercent: string;
  failingRules: string;
  noFailingRules: string;
  rule: string;
  section: string;
  description: string;
  count: string;
  percentOfDecided: string;
  lifecycle: string;
  state: string;
  lifecycleStates: Record<Lifecycle['state'], string>;
  rulesDigest: string;
  engineVersion: string;
  decisions: string;
  fromRecords(records: string, snapshots: string): string;
  errorsByCode: string;
  code: string;
  where: string;
  message: string;
  errorRecordAt: string;
  noErrors: string;
  accountList: string;
  account: string;
  unbindTarget: string;
  showing(shown: number, total: number, noun: 'accounts' | 'errors'): string;
  footer: string;
}

const ZH: ReportLabels = {
  title: '账号策略决策报告',
  colon: '：',
  inputs: '输入',
  rules: '规则',
  shippedRules: '内置 rules/',
  evaluatedAtOption: '快照评估时间',
  eachCapturedAt: '各快照的 capturedAt',
  accounts: '账号（决策）',
  errors: '错误',
  evaluatedBetween: '评估时间范围',
  evaluatedAt: '评估时间',
  ruleSets: '规则集',
  engine: '引擎版本',
  warnings: '注意',
  outcomes: '各策略结果',
  policy: '策略',
  decided: '决策数',
  pass: '通过',
  fail: '不通过',
  notApplicable: '不适用',
  blocked: '受阻',
  failSplit: (premises) =>
    `不通过 = 不适用 + 受阻。不适用：不通过的原因全部是前提规则（premise，例如没有待撤回的注销申请、没有绑定手机号），即该项对此账号不适用；受阻：其余的不通过，至少有一条原因是账号须满足而未满足的要求。决策结果（通过/不通过）不变。前提规则：${premises}。`,
  listSeparator: '、',
  failPercent: '不通过率',
  failingRules: '最常见的不通过规则',
  noFailingRules: '没有不通过的规则。',
  rule: '规则',
  section: '出处',
  description: '规则说明',
  count: '次数',
  percentOfDecided: '占该策略决策',
  lifecycle: '生命周期状态',
  state: '状态',
  lifecycleStates: {
    none: '未申请注销',
    cooling_off: '冷静期中',
    withdrawn: '已撤回注销',
    cancelled: '已注销',
  },
  rulesDigest: '规则摘要（digest）',
  engineVersion: '引擎版本',
  decisions: '决策数',
  fromRecords: (records, snapshots) =>
    `其中 ${records} 个来自决策记录，${snapshots} 个由快照现场评估。`,
  errorsByCode: '错误（按代码）',
  code: '代码',
  where: '位置',
  message: '说明',
  errorRecordAt: '错误记录位置',
  noErrors: '没有错误。',
  accountList: '逐个账号',
  account: '账号',
  unbindTarget: '解绑对象',
  showing: (shown, total, noun) =>
    shown === total
      ? `共 ${group(total)} 个${noun === 'accounts' ? '账号' : '错误'}，全部列出。`
      : `仅列出前 ${group(shown)} 个${noun === 'accounts' ? '账号' : '错误'}（共 ${group(total)} 个），其余 ${group(total - shown)} 个未列出；可用 --max-accounts 调整。`,
  footer: '由 account-policy report 根据输入数据生成；同样的输入总是得到完全相同的报告。',
};

const EN: ReportLabels = {
  title: 'Account policy decision report',
  colon: ':',
  inputs: 'Inputs',
  rules: 'Rules',
  shippedRules: 'shipped rules/',
  evaluatedAtOption: 'Snapshots evaluated at',
  eachCapturedAt: "each snapshot's capturedAt",
  accounts: 'Accounts (decisions)',
  errors: 'Errors',
  evaluatedBetween: 'Evaluated between',
  evaluatedAt: 'Evaluated at',
  ruleSets: 'Rule sets',
  engine: 'Engine version',
  warnings: 'Warnings',
  outcomes: 'Outcomes per policy',
  policy: 'Policy',
  decided: 'Decided',
  pass: 'Pass',
  fail: 'Fail',
  notApplicable: 'Not applicable',
  blocked: 'Blocked',
  failSplit: (premises) =>
    `Fail = not applicable + blocked. Not applicable: every reason for the fail is a premise rule (e.g. no pending cancellation to withdraw, no phone number bound), so the question does not arise for the account. Blocked: any other fail, with at least one requirement the account does not meet. The decisions themselves (pass/fail) are unchanged. Premise rules: ${premises}.`,
  listSeparator: ', ',
  failPercent: 'Fail rate',
  failingRules: 'Most frequent failing rules',
  noFailingRules: 'No rule failed.',
  rule: 'Rule',
  section: 'Section',
  description: 'Description',
  count: 'Count',
  percentOfDecided: 'Of the policy’s decisions',
  lifecycle: 'Lifecycle states',
  state: 'State',
  lifecycleStates: {
    none: 'no cancellation requested',
    cooling_off: 'cooling off',
    withdrawn: 'withdrawn',
    cancelled: 'cancelled',
  },
  rulesDigest: 'Rules digest',
  engineVersion: 'Engine version',
  decisions: 'Decisions',
  fromRecords: (records, snapshots) =>
    `${records} from decision records, ${snapshots} evaluated here from snapshots.`,
  errorsByCode: 'Errors by code',
  code: 'Code',
  where: 'Where',
  message: 'Message',
  errorRecordAt: 'error record at',
  noErrors: 'No errors.',
  accountList: 'Accounts',
  account: 'Account',
  unbindTarget: 'unbind target',
  showing: (shown, total, noun) =>
    shown === total
      ? `${group(total)} ${total === 1 ? noun.slice(0, -1) : noun}, all listed.`
      : `Showing the first ${group(shown)} of ${group(total)} ${noun}; ${group(total - shown)} are left out (raise --max-accounts to list more).`,
  footer:
    'Made by account-policy report from the input data alone: the same input always gives the same report, byte for byte.',
};

export const REPORT_LABELS: Record<Lang, ReportLabels> = { 'zh-CN': ZH, en: EN };

export { group, locationText, percentOf, percentText } from './report-numbers.js';
