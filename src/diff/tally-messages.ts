/** Counts, over a corpus, every reason and consequence shown in different words, with one example each. */
import type { MessageChange } from '../generated/diff-report.js';
import { LANGS, type Lang } from '../lang.js';
import { templateEntries, templateKey } from '../rules/compare-rule-sets.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { MessageDifference } from './compare-messages.js';

export class MessageTally {
  /** Snapshots shown at least one message in different words. */
  snapshots = 0;
  readonly #found = new Map<string, MessageChange & { seen: Set<Lang> }>();
  /** templateKey → place in the base rule set: the order the report lists them in. */
  readonly #order: ReadonlyMap<string, number>;
  readonly #examples: number;

  constructor(base: RuleSet, examples: number) {
    this.#order = new Map(templateEntries(base).map((entry, i) => [templateKey(entry), i]));
    this.#examples = examples;
  }

  add(accountId: string, differences: readonly MessageDifference[]): void {
    if (differences.length > 0) this.snapshots += 1;
    for (const difference of differences) {
      const key = templateKey(difference);
      const change = this.#found.get(key) ?? this.#first(accountId, difference);
      this.#found.set(key, change);
      change.count += 1;
      if (change.examples.length < this.#examples) change.examples.push(accountId);
      for (const lang of difference.languages) change.seen.add(lang);
    }
  }

  /** In rule-set order; `languages` in LANGS order. */
  changes(): MessageChange[] {
    const rank = (change: MessageChange) =>
      this.#order.get(templateKey(change)) ?? Number.MAX_SAFE_INTEGER;
    return [...this.#found.values()]
      .sort((a, b) => rank(a) - rank(b))
      .map(({ seen, ...change }) => {
        const [first = 'zh-CN', ...rest] = LANGS.filter((lang) => seen.has(lang));
        return { ...change, languages: [first, ...rest] };
      });
  }

  #first(
    accountId: string,
    { policy, id, kind, before, after }: MessageDifference,
  ): MessageChange & { seen: Set<Lang> } {
    return {
      policy: policy as MessageChange['policy'],
      id,
      kind,
      languages: ['zh-CN'],
      count: 0,
      examples: [],
      example: { accountId, before, after },
      seen: new Set(),
    };
  }
}
