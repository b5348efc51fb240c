/** The words of the `diff` text output, in each language. Rule ids and states stay as they are: reviewers search for them. */
import type { Lang } from '../lang.js';

export interface DiffLabels {
  title(snapshots: number): string;
  baseRules(value: string): string;
  newRules(value: string): string;
  shippedRules: string;
  identical: string;
  evaluatedAt(value: string): string;
  eachCapturedAt: string;
  removedRuleIds(ids: string): string;
  addedRuleIds(ids: string): string;
  verdict(changed: number, snapshots: number): string;
  noChange(snapshots: number): string;
  /** Appended to the verdict (with its own leading space, if any) when some snapshot is told something in different words. */
  wordingVerdict(count: number, decisionsChanged: boolean): string;
  parameters(list: string): string;
  wording: string;
  kinds: { reason: string; consequence: string };
  /** The example account of a wording change, and the language of the lines that follow. */
  exampleIn(accountId: string, lang: string, unchanged: boolean): string;
  before: string;
  after: string;
  policies: string;
  /** A policy's heading, with how many snapshots it decides the same way. */
  policyHeading(name: string, unchanged: string): string;
  unchanged(count: number): string;
  transitions: { passToFail: string; failToPass: string; reasonsChanged: string };
  rules: string;
  newlyFails: string;
  newlyHolds: string;
  lifecycle: string;
  invalid: string;
  invalidUnderNewOnly: string;
  invalidUnderBaseOnly: string;
  invalidUnderBoth: string;
}

export const DIFF_LABELS: Record<Lang, DiffLabels> = {
  'zh-CN': {
    title: (n) => `规则变更影响 · ${n} 个快照`,
    baseRules: (value) => `原规则：${value}`,
    newRules: (value) => `新规则：${value}`,
    shippedRules: '内置 rules/',
    identical: '（与原规则相同）',
    evaluatedAt: (value) => `评估时间：${value}`,
    eachCapturedAt: '各快照的 capturedAt',
    removedRuleIds: (ids) => `新规则删除的规则：${ids}`,
    addedRuleIds: (ids) => `新规则增加的规则：${ids}`,
    verdict: (changed, n) => `结论：${n} 个快照中有 ${changed} 个的决策发生变化。`,
    noChange: (n) => `结论：${n} 个快照的决策均无变化。`,
    wordingVerdict: (count, decisionsChanged) =>
      `${decisionsChanged ? '另有' : '但有'} ${count} 个快照看到的措辞有变化。`,
    parameters: (list) => `参数变化：${list}`,
    wording: '措辞变化（账号看到的文字，不是决定）',
    kinds: { reason: '原因', consequence: '后果' },
    exampleIn: (id, lang, unchanged) => `${id}，${lang}${unchanged ? '（未变）' : ''}`,
    before: '修改前',
    after: '修改后',
    policies: '策略结果变化',
    policyHeading: (name, unchanged) => `${name}${unchanged}`,
    unchanged: (count) => `（${count} 个不变）`,
    transitions: {
      passToFail: '通过 → 不通过',
      failToPass: '不通过 → 通过',
      reasonsChanged: '仍不通过，原因变化',
    },
    rules: '规则变化',
    newlyFails: '变为不满足',
    newlyHolds: '变为满足',
    lifecycle: '生命周期变化',
    invalid: '无效快照',
    invalidUnderNewOnly: '仅在新规则下无效',
    invalidUnderBaseOnly: '仅在原规则下无效',
    invalidUnderBoth: '在两套规则下均无效',
  },
  en: {
    title: (n) => `Rule change impact · ${n} snapshot${n === 1 ? '' : 's'}`,
    baseRules: (value) => `Base rules: ${value}`,
    newRules: (value) => `New rules:  ${value}`,
    shippedRules: 'shipped rules/',
    identical: '(identical to base)',
    evaluatedAt: (value) => `Evaluated at: ${value}`,
    eachCapturedAt: "each snapshot's capturedAt",
    removedRuleIds: (ids) => `Rule ids only in base: ${ids}`,
    addedRuleIds: (ids) => `Rule ids only in new: ${ids}`,
    verdict: (changed, n) => `Verdict: ${changed} of ${n} snapshots change decision.`,
    noChange: (n) => `Verdict: no decision changes in ${n} snapshot${n === 1 ? '' : 's'}.`,
    wordingVerdict: (count, decisionsChanged) =>
      ` ${decisionsChanged ? 'Also' : 'But'} ${count} snapshot${count === 1 ? ' is' : 's are'} shown different wording.`,
    parameters: (list) => `Parameters changed: ${list}`,
    wording: 'Wording (what accounts are told; not a decision)',
    kinds: { reason: 'reason', consequence: 'consequence' },
    exampleIn: (id, lang, unchanged) => `${id}, ${lang}${unchanged ? ' (unchanged)' : ''}`,
    before: 'before',
    after: 'after',
    policies: 'Policies',
    policyHeading: (name, unchanged) => `${name} ${unchanged}`,
    unchanged: (count) => `(${count} unchanged)`,
    transitions: {
      passToFail: 'pass → fail',
      failToPass: 'fail → pass',
      reasonsChanged: 'reasons changed',
    },
    rules: 'Rules',
    newlyFails: 'newly fails',
    newlyHolds: 'newly holds',
    lifecycle: 'Lifecycle',
    invalid: 'Invalid snapshots',
    invalidUnderNewOnly: 'invalid under the new rules only',
    invalidUnderBaseOnly: 'invalid under the base rules only',
    invalidUnderBoth: 'invalid under both',
  },
};
