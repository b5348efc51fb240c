/**
 * `analyze`'s text output: per rule and conditional consequence, where it is written, and for
 * each side (holds / fails) the witness, told as how it differs from the plain account, or why
 * there is none.
 */
import type { Analysis, Answer, EntryAnalysis, Witness } from '../generated/analysis.js';
import type { Lang } from '../lang.js';
import { PLAIN_ACCOUNT_ID, PLAIN_PHONE } from './draft.js';
import { PLAIN_NOW } from './timeline-options.js';

const WORDS = {
  en: {
    holds: 'holds',
    fails: 'fails',
    listed: 'listed',
    notListed: 'not listed',
    plain: 'the plain account (Pay off, nothing owed, nothing bound, no cancellation)',
    never: 'never: proved impossible (docs/analysis.md)',
    unknown: 'unknown: no witness found and no proof',
    counts: (rules: number, consequences: number) =>
      `${rules} rule${rules === 1 ? '' : 's'}, ${consequences} conditional consequence${consequences === 1 ? '' : 's'}`,
    colon: ': ',
    allGood: 'every rule can hold and can fail',
    notAll: (n: number, of: number) => `${n} of ${of} rules cannot be shown to hold and to fail`,
  },
  'zh-CN': {
    holds: '成立',
    fails: '不成立',
    listed: '列出',
    notListed: '不列出',
    plain: '普通账号（未开通支付、无欠款、无绑定、未申请注销）',
    never: '不可能：已证明（见 docs/analysis.md）',
    unknown: '未知：既无示例账号，也无证明',
    counts: (rules: number, consequences: number) =>
      `${rules} 条规则，${consequences} 条有条件的后果`,
    colon: '：',
    allGood: '每条规则都可能成立，也可能不成立',
    notAll: (n: number, of: number) => `${of} 条规则中有 ${n} 条无法证实既可成立又可不成立`,
  },
} as const;

type Words = (typeof WORDS)[Lang];

export function renderAnalysis(analysis: Analysis, dir: string, lang: Lang): string {
  const words = WORDS[lang];
  const lines = [`${dir} (${analysis.digest})`];
  for (const entry of analysis.rules)
    lines.push(...entryLines(entry, words, words.holds, words.fails));
  for (const entry of analysis.consequences)
    lines.push(...entryLines(entry, words, words.listed, words.notListed));
  const open = analysis.rules.filter((entry) => !decided(entry)).length;
  const total = analysis.rules.length;
  const verdict = open === 0 ? words.allGood : words.notAll(open, total);
  lines.push(
    '',
    `${open === 0 ? '✓' : '✗'} ${words.counts(total, analysis.consequences.length)}${words.colon}${verdict}`,
  );
  return `${lines.join('\n')}\n`;
}

/** A rule is settled when it is shown both to hold and to fail. */
export function decided(entry: EntryAnalysis): boolean {
  return entry.canHold === true && entry.canFail === true;
}

function entryLines(entry: EntryAnalysis, words: Words, yes: string, no: string): string[] {
  const where = entry.line === null ? entry.file : `${entry.file}:${entry.line}`;
  return [
    `${decided(entry) ? '✓' : '✗'} ${entry.id}  ${where}`,
    `    ${yes}${words.colon}${side(entry.canHold, entry.holds, words)}`,
    `    ${no}${words.colon}${side(entry.canFail, entry.fails, words)}`,
  ];
}

function side(answer: Answer, witness: Witness | null, words: Words): string {
  if (witness) return describeWitness(witness) || words.plain;
  return answer === false ? words.never : words.unknown;
}

/** How a witness differs from the plain account, e.g. `pay.enabled=true, now=…`. */
export function describeWitness(witness: Witness): string {
  const { snapshot } = witness;
  const parts: string[] = [];
  const show = (name: string, value: unknown, plain: unknown) => {
    if (JSON.stringify(value) !== JSON.stringify(plain))
      parts.push(`${name}=${JSON.stringify(value)}`);
  };
  show('accountId', snapshot.accountId, PLAIN_ACCOUNT_ID);
  show('phone', snapshot.phone, PLAIN_PHONE);
  for (const [key, plain] of [
    ['enabled', false],
    ['balanceFen', 0],
    ['pendingTransactions', 0],
    ['pendingRefunds', 0],
    ['bankCards', []],
  ] as const)
    show(`pay.${key}`, snapshot.pay[key], plain);
  show('authorizations', snapshot.authorizations, []);
  show('cancellation', snapshot.cancellation, null);
  show('now', witness.now, new Date(PLAIN_NOW).toISOString());
  if (witness.unbind !== undefined) parts.push(`unbind=${JSON.stringify(witness.unbind)}`);
  return parts.join(', ');
}
