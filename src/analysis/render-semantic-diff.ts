/**
 * The text of the corpus-free diff: the verdict first, then each change — more-permissive ones
 * first and marked ⚠ — with its example accounts told as how they differ from the plain account
 * and what the policy decided before and after.
 */
import type { ChangeExample, PolicyOutcome, SemanticDiff } from '../generated/semantic-diff.js';
import type { Lang } from '../lang.js';
import { describeParameterChange } from '../rules/compare-rule-sets.js';
import { describeWitness } from './render-analysis.js';

const WORDS = {
  en: {
    title: 'What the rule change can do to any account (no corpus needed)',
    rules: (base: string, next: string) => `Base rules: ${base}\nNew rules:  ${next}`,
    shipped: 'the shipped rules/',
    equivalent: 'Verdict: no decision can change, on any account (proved).',
    unknown: (n: number) =>
      `Verdict: no account was found whose decision changes, but ${n} ${n === 1 ? 'rule' : 'rules'} could not be proved unchanged.`,
    changes: (n: number, more: number) =>
      `Verdict: ${n} rule ${n === 1 ? 'change' : 'changes'} can change decisions${more > 0 ? (n === 1 ? ', and it is more permissive' : `, ${more} of them more permissive`) : ''}.`,
    'more-permissive': '⚠ more permissive',
    'less-permissive': 'less permissive',
    plain: 'the plain account',
    undecided: 'Undecided (no example, no proof):',
    parameters: (list: string) => `Parameters changed: ${list}`,
    wording: 'Worded differently (what accounts are told; not a decision):',
    kinds: { reason: 'reason', consequence: 'consequence' },
    pass: 'pass',
    fail: (rules: string) => `fail (${rules})`,
    arrow: '→',
  },
  'zh-CN': {
    title: '规则修改对任意账号的影响（无需语料）',
    rules: (base: string, next: string) => `原规则：${base}\n新规则：${next}`,
    shipped: '随包发布的 rules/',
    equivalent: '结论：任何账号的决定都不会改变（已证明）。',
    unknown: (n: number) => `结论：未找到决定会改变的账号，但有 ${n} 条规则无法证明不变。`,
    changes: (n: number, more: number) =>
      `结论：有 ${n} 处规则变化会改变决定${more > 0 ? `，其中 ${more} 处更宽松` : ''}。`,
    'more-permissive': '⚠ 更宽松',
    'less-permissive': '更严格',
    plain: '普通账号',
    undecided: '无法判定（既无示例，也无证明）：',
    parameters: (list: string) => `参数变化：${list}`,
    wording: '措辞变化（账号看到的文字，不是决定）：',
    kinds: { reason: '原因', consequence: '后果' },
    pass: '通过',
    fail: (rules: string) => `不通过（${rules}）`,
    arrow: '→',
  },
} as const;

type Words = (typeof WORDS)[Lang];

export function renderSemanticDiff(diff: SemanticDiff, lang: Lang): string {
  const w = WORDS[lang];
  const name = (side: SemanticDiff['rules']['base']) => `${side.digest} (${side.dir ?? w.shipped})`;
  const more = diff.changes.filter((c) => c.direction === 'more-permissive').length;
  const verdict =
    diff.verdict === 'equivalent'
      ? w.equivalent
      : diff.verdict === 'unknown'
        ? w.unknown(diff.undecided.length)
        : w.changes(diff.changes.length, more);
  const lines = [w.title, w.rules(name(diff.rules.base), name(diff.rules.new))];
  if (diff.rules.parameterChanges.length > 0)
    lines.push(w.parameters(diff.rules.parameterChanges.map(describeParameterChange).join(', ')));
  lines.push('', verdict);
  for (const change of diff.changes) {
    lines.push('', `${w[change.direction]}  ${change.policy} / ${change.rule}`);
    for (const example of change.examples) lines.push(...exampleLines(example, w));
  }
  if (diff.undecided.length > 0) {
    lines.push('', w.undecided);
    for (const { policy, rule } of diff.undecided) lines.push(`  ${policy} / ${rule}`);
  }
  if (diff.wording.length > 0) {
    lines.push('', w.wording);
    for (const { policy, id, kind, languages } of diff.wording)
      lines.push(`  ${policy} / ${id} (${w.kinds[kind]}: ${languages.join(', ')})`);
  }
  return `${lines.join('\n')}\n`;
}

function exampleLines(example: ChangeExample, w: Words): string[] {
  const outcome = (o: PolicyOutcome) =>
    o.outcome === 'pass' ? w.pass : w.fail(o.failing.join(', '));
  return [
    `    ${describeWitness(example) || w.plain}`,
    `      ${outcome(example.before)} ${w.arrow} ${outcome(example.after)}`,
  ];
}
