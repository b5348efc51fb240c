/**
 * The text output of `evaluate`: for people, one block per policy, ✓/✗, reasons, consequences.
 * Times are local times in the rule set's zone (local-time.ts); the JSON output keeps RFC 3339.
 */
import picocolors from 'picocolors';
import type { EvaluationResult, PolicyResult } from '../generated/evaluation-result.js';
import type { RuleSet } from '../rules/rule-set.js';
import { explainLines } from './explain-text.js';
import { printable } from './printable.js';
import type { Lang } from '../lang.js';
import { DEFAULT_TIME_ZONE } from '../rules/time-zone.js';
import { localTime } from './local-time.js';

const LABELS = {
  'zh-CN': {
    account: '账号',
    evaluatedAt: '评估时间',
    rules: '规则',
    lifecycle: (line: string) => `生命周期：${line}`,
    policy: (title: string, name: string, verdict: string) => `${title}（${name}）：${verdict}`,
    none: '未申请注销',
    withdrawn: '注销申请已因登录撤回',
    coolingOff: (days: number, until: string) => `冷静期剩余 ${days} 天，至${until}`,
    cancelled: (at: string) => `已正式注销，冷静期于${at}结束`,
    phoneReleasedAt: (at: string) => `手机号释放于${at}`,
    retained: '数据保留',
    scheduled_for_deletion: '数据待删除',
    deleted: '数据已永久删除',
    pass: '可以',
    fail: '不可以',
    ifDone: '如果继续办理：',
    explain: '依据（每个条件读取的事实与比较结果）：',
  },
  en: {
    account: 'Account',
    evaluatedAt: 'evaluated at',
    rules: 'Rules',
    lifecycle: (line: string) => `Lifecycle: ${line}`,
    policy: (title: string, name: string, verdict: string) => `${title} (${name}): ${verdict}`,
    none: 'no cancellation requested',
    withdrawn: 'cancellation withdrawn by a login',
    coolingOff: (days: number, until: string) =>
      `cooling-off, ${days} day${days === 1 ? '' : 's'} remaining, until ${until}`,
    cancelled: (at: string) => `cancelled for good, cooling-off ended ${at}`,
    phoneReleasedAt: (at: string) => `phone released at ${at}`,
    retained: 'data retained',
    scheduled_for_deletion: 'data scheduled for deletion',
    deleted: 'data deleted for good',
    pass: 'yes',
    fail: 'no',
    ifDone: 'If you go ahead:',
    explain: 'Why (every condition, the fact it read and the comparison):',
  },
} as const;

export interface TextOptions {
  lang: Lang;
  /** ANSI colours; the CLI turns them on only for a terminal. */
  color: boolean;
}

export function renderText(
  result: EvaluationResult,
  ruleSet: RuleSet,
  { lang, color }: TextOptions,
): string {
  const c = picocolors.createColors(color);
  const l = LABELS[lang];
  const zone = ruleSet.parameters.timeZone ?? DEFAULT_TIME_ZONE;
  const at = (instant: string) => localTime(instant, lang, zone);
  const lines = [
    `${l.account} ${c.bold(printable(result.accountId))} · ${l.evaluatedAt} ${at(result.evaluatedAt)}`,
    `${l.rules} ${c.dim(result.rules.digest)}`,
    l.lifecycle(lifecycleLine(result.lifecycle, lang, at)),
  ];
  for (const policy of ruleSet.policies) {
    const outcome = result.policies[policy.name];
    if (!outcome) continue;
    lines.push('', policyBlock(policy.title[lang], policy.name, outcome, lang, c));
    const explained = result.explanation?.[policy.name];
    if (explained) {
      const paint = { mark: (held: boolean) => (held ? c.green('✓') : c.red('✗')), dim: c.dim };
      lines.push(`    ${LABELS[lang].explain}`, ...explainLines(explained, paint, '      '));
    }
  }
  return `${lines.join('\n')}\n`;
}

function lifecycleLine(
  lifecycle: EvaluationResult['lifecycle'],
  lang: Lang,
  at: (instant: string) => string,
): string {
  const l = LABELS[lang];
  const parts: string[] = [];
  if (lifecycle.state === 'cooling_off')
    parts.push(l.coolingOff(lifecycle.daysRemaining ?? 0, at(lifecycle.coolingOffEndsAt ?? '')));
  else if (lifecycle.state === 'cancelled')
    parts.push(l.cancelled(at(lifecycle.coolingOffEndsAt ?? '')));
  else parts.push(l[lifecycle.state]);
  parts.push(l[lifecycle.data]);
  if (lifecycle.phoneReleasedAt !== undefined)
    parts.push(l.phoneReleasedAt(at(lifecycle.phoneReleasedAt)));
  return parts.join(' · ');
}

type Colors = ReturnType<typeof picocolors.createColors>;

function policyBlock(
  title: string,
  name: string,
  outcome: PolicyResult,
  lang: Lang,
  c: Colors,
): string {
  const l = LABELS[lang];
  const pass = outcome.outcome === 'pass';
  const mark = pass ? c.green('✓') : c.red('✗');
  const lines = [
    `${mark} ${l.policy(c.bold(title), name, pass ? c.green(l.pass) : c.red(l.fail))}`,
  ];
  for (const reason of outcome.reasons)
    lines.push(
      `    ${c.red('✗')} ${printable(reason.message)} ${c.dim(`[${reason.rule} · §${reason.source}]`)}`,
    );
  if (outcome.consequences.length > 0) lines.push(`    ${l.ifDone}`);
  for (const consequence of outcome.consequences)
    lines.push(`    → ${printable(consequence.message)} ${c.dim(`[${consequence.id}]`)}`);
  return lines.join('\n');
}
