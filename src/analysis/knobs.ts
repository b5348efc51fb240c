/**
 * The knobs the witness search turns: each is one part of a snapshot (or the evaluation time,
 * or the unbind target), with the fact paths it changes and a short list of settings, one per
 * equivalence class of the constants the conditions compare those facts with. The first setting
 * of every knob is the plain account: Pay off, nothing owed, nothing bound, no cancellation.
 */
import type { Scalar } from '../generated/policy-file.js';
import { representativeNumbers, subsets } from '../rules/prove-condition.js';
import { KINDS, PLAIN_ACCOUNT_ID, PLAIN_PHONE, type Draft, type Target } from './draft.js';
import { constantsAt, type Scope } from './scope.js';
import { timelineOptions } from './timeline-options.js';

export interface Knob {
  name: string;
  /** The fact paths whose values this knob changes, as "fact.path" prefixes. */
  changes: readonly string[];
  /** Its settings, the plain one first. */
  options(scope: Scope): Setting[];
}

/** Part of a draft; an authorizations entry sets only the kinds it names. */
export type Setting = Partial<Omit<Draft, 'authorizations'>> & {
  authorizations?: Partial<Draft['authorizations']>;
};

export function applySetting(draft: Draft, setting: Setting): Draft {
  const authorizations = { ...draft.authorizations, ...setting.authorizations };
  return { ...draft, ...setting, authorizations } as Draft;
}

/** Beyond this many items a generated list stands for "many": counts are capped here. */
const MOST_ITEMS = 1000;

const strings = (values: readonly Scalar[]) =>
  values.filter((v): v is string => typeof v === 'string' && v !== '');

function counts(scope: Scope, key: string): Setting[] {
  const field = key.slice('pay.'.length) as 'balanceFen' | 'pendingTransactions' | 'pendingRefunds';
  const constants = [...constantsAt(scope, key)];
  if (field === 'balanceFen')
    for (const yuan of strings(constantsAt(scope, 'pay.balanceYuan'))) {
      if (/^\d{1,13}\.\d\d$/.test(yuan)) constants.push(Number(yuan.replace('.', '')));
    }
  return unique(representativeNumbers(constants, 0)).map((n) => ({ [field]: n }));
}

/** Lists of names: every count around the constants, and every subset of the names looked for. */
function groups(scope: Scope, keys: readonly string[], label: string): string[][] {
  const sizes = keys.flatMap((key) => constantsAt(scope, `${key}.count`));
  const names = strings(keys.flatMap((key) => constantsAt(scope, `${key}.names`)));
  const generic = (n: number, from = 1) =>
    Array.from({ length: n }, (_, i) => `${label} ${i + from}`);
  const lists = unique(representativeNumbers(sizes, 0))
    .filter((n) => n <= MOST_ITEMS)
    .map((n) => generic(n));
  // Every subset of the first four names; beyond that each name alone, all of them, and all
  // but one (a blocklist's newest entry, a list that must hold every name).
  const distinct = [...new Set(names)];
  const all = [
    ...subsets(distinct, 4).slice(1),
    ...distinct.map((name) => [name]),
    distinct,
    ...distinct.map((_, i) => distinct.filter((__, j) => j !== i)),
  ].filter((list) => list.length > 0);
  for (const subset of all) lists.push(subset, [...subset, ...generic(1)]);
  return uniqueBy(lists);
}

function targets(scope: Scope): Array<Target | undefined> {
  const ids = unique(['binding-target', ...strings(constantsAt(scope, 'target.id'))]);
  const names = unique(['Target binding', ...strings(constantsAt(scope, 'target.name'))]);
  const found = (['bank_card', ...KINDS] as const).flatMap((kind) =>
    ids.flatMap((id) => names.map((name): Target => ({ kind, id, name }))),
  );
  const missing = ids.map((id): Target => ({ kind: 'missing', id, name: '' }));
  return [...(scope.requiresTarget ? [] : [undefined]), ...found, ...missing];
}

export const KNOBS: readonly Knob[] = [
  {
    name: 'accountId',
    changes: ['account.id'],
    options: (scope) =>
      unique([PLAIN_ACCOUNT_ID, ...strings(constantsAt(scope, 'account.id')), 'wxid_other']).map(
        (accountId) => ({ accountId }),
      ),
  },
  {
    name: 'phone',
    changes: ['account.phoneBound'],
    options: () => [{ phone: PLAIN_PHONE }, { phone: null }],
  },
  {
    name: 'pay.enabled',
    changes: ['pay.enabled'],
    options: () => [{ payEnabled: false }, { payEnabled: true }],
  },
  {
    name: 'pay.balanceFen',
    changes: ['pay.balanceFen', 'pay.balanceYuan'],
    options: (scope) => counts(scope, 'pay.balanceFen'),
  },
  {
    name: 'pay.pendingTransactions',
    changes: ['pay.pendingTransactions'],
    options: (scope) => counts(scope, 'pay.pendingTransactions'),
  },
  {
    name: 'pay.pendingRefunds',
    changes: ['pay.pendingRefunds'],
    options: (scope) => counts(scope, 'pay.pendingRefunds'),
  },
  {
    name: 'pay.bankCards',
    changes: ['pay.bankCards'],
    options: (scope) =>
      groups(scope, ['pay.bankCards'], 'Bank').map((bankCards) => ({ bankCards })),
  },
  ...KINDS.map((kind): Knob => ({
    name: `authorizations.${kind}`,
    changes: [`authorizations.${kind}`, 'authorizations.count'],
    options: (scope) =>
      groups(scope, [`authorizations.${kind}`, 'authorizations'], kind).map((names) => ({
        authorizations: { [kind]: names },
      })),
  })),
  {
    name: 'timeline',
    changes: ['lifecycle', 'clock'],
    options: (scope) => timelineOptions(scope).map((timeline) => ({ timeline })),
  },
  {
    name: 'target',
    changes: ['target', 'pay.bankCards', 'authorizations'],
    options: (scope) => targets(scope).map((target) => ({ target })),
  },
];

/** Whether a knob changes what a condition reads at "fact.path" (or a group around it). */
export function changesPath(knob: Knob, read: string): boolean {
  return knob.changes.some(
    (prefix) => read === prefix || read.startsWith(`${prefix}.`) || prefix.startsWith(`${read}.`),
  );
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function uniqueBy<T>(values: readonly T[]): T[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
