/**
 * Counts decisions and errors as they stream past. Everything in the summary is a counter or a
 * map keyed by something small (policy, rule id, digest, version); only the first
 * `maxAccounts` accounts and errors are kept whole, so with a cap memory stays bounded for any
 * input size.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Lifecycle } from '../generated/decision-record.js';
import type { PolicyResult } from '../generated/evaluation-result.js';
import type { Lang } from '../lang.js';
import type { RuleSet } from '../rules/rule-set.js';
import { accountEntry, policyResults } from './account-entry.js';
import { percentOf } from './report-labels.js';
import type {
  AccountEntry,
  Capped,
  ErrorEntry,
  Report,
  ReportSummary,
  Tally,
} from './report-model.js';
import type { ReportEntry } from './read-entry.js';

export interface TallyOptions {
  /** Names policies and rules in the summary. */
  ruleSet: RuleSet;
  lang: Lang;
  /** Accounts (and errors) listed one by one; the rest are only counted. Infinity lists all. */
  maxAccounts: number;
}

const LIFECYCLE_STATES: readonly Lifecycle['state'][] = [
  'none',
  'cooling_off',
  'withdrawn',
  'cancelled',
];

export class ReportTally {
  private readonly options: TallyOptions;
  private readonly counts = { accounts: 0, errors: 0, fromRecords: 0, fromSnapshots: 0 };
  private readonly policies = new Map<string, { decided: number; pass: number; fail: number }>();
  private readonly failingRules = new Map<
    string,
    { policy: string; source: string; count: number }
  >();
  private readonly lifecycle = new Map<Lifecycle['state'], number>();
  private readonly digests = new Map<string, number>();
  private readonly engines = new Map<string, number>();
  private readonly errorCodes = new Map<string, number>();
  private evaluatedAt:
    { earliest: string; earliestMs: number; latest: string; latestMs: number } | undefined;
  private readonly accountEntries: AccountEntry[] = [];
  private readonly errorEntries: ErrorEntry[] = [];

  constructor(options: TallyOptions) {
    this.options = options;
  }

  add(entry: ReportEntry): void {
    if (entry.kind === 'error') {
      this.counts.errors += 1;
      bump(this.errorCodes, entry.error.code);
      if (this.errorEntries.length < this.options.maxAccounts) this.errorEntries.push(entry.error);
      return;
    }
    const { record } = entry;
    this.counts.accounts += 1;
    this.counts[entry.evaluatedHere ? 'fromSnapshots' : 'fromRecords'] += 1;
    bump(this.lifecycle, record.lifecycle.state);
    bump(this.digests, record.rules.digest);
    bump(this.engines, record.engine.version);
    this.noteTime(record.evaluatedAt);
    for (const [policy, result] of policyResults(record)) this.countPolicy(policy, result);
    if (this.accountEntries.length < this.options.maxAccounts)
      this.accountEntries.push(accountEntry(record, entry.at, this.options.lang));
  }

  /** The report's summary, lists and warnings; call once every entry has been added. */
  result(): Pick<Report, 'summary' | 'accounts' | 'errors' | 'warnings'> {
    const { ruleSet, lang } = this.options;
    const order = ruleSet.policies.map((p) => p.name as string);
    const policyNames = [...this.policies.keys()].sort(
      (a, b) => rank(order, a) - rank(order, b) || compare(a, b),
    );
    const descriptions = new Map(
      ruleSet.policies.flatMap((p) => p.rules.map((r) => [r.id, r.description] as const)),
    );
    const summary: ReportSummary = {
      ...this.counts,
      policies: policyNames.map((policy) => ({
        policy,
        title: ruleSet.policies.find((p) => p.name === policy)?.title[lang] ?? policy,
        ...this.policies.get(policy)!,
      })),
      failingRules: [...this.failingRules]
        .map(([rule, { policy, source, count }]) => ({
          rule,
          policy,
          source,
          description: descriptions.get(rule) ?? null,
          count,
          percent: percentOf(count, this.policies.get(policy)?.decided ?? 0),
        }))
        .sort((a, b) => b.count - a.count || compare(a.rule, b.rule)),
      lifecycle: LIFECYCLE_STATES.map((state) => ({
        state,
        count: this.lifecycle.get(state) ?? 0,
      })),
      rulesDigests: tallies(this.digests),
      engineVersions: tallies(this.engines),
      evaluatedAt: this.evaluatedAt
        ? { earliest: this.evaluatedAt.earliest, latest: this.evaluatedAt.latest }
        : null,
    };
    return {
      summary,
      accounts: capped(this.accountEntries, this.counts.accounts),
      errors: {
        ...capped(this.errorEntries, this.counts.errors),
        byCode: tallies(this.errorCodes),
      },
      warnings: digestWarnings(summary.rulesDigests),
    };
  }

  private countPolicy(policy: string, result: PolicyResult): void {
    const tally = this.policies.get(policy) ?? { decided: 0, pass: 0, fail: 0 };
    tally.decided += 1;
    tally[result.outcome] += 1;
    this.policies.set(policy, tally);
    for (const reason of result.reasons) {
      const rule = this.failingRules.get(reason.rule) ?? {
        policy,
        source: reason.source,
        count: 0,
      };
      rule.count += 1;
      this.failingRules.set(reason.rule, rule);
    }
  }

  private noteTime(text: string): void {
    const ms = Date.parse(text);
    const range = (this.evaluatedAt ??= {
      earliest: text,
      earliestMs: ms,
      latest: text,
      latestMs: ms,
    });
    if (ms < range.earliestMs) Object.assign(range, { earliest: text, earliestMs: ms });
    if (ms > range.latestMs) Object.assign(range, { latest: text, latestMs: ms });
  }
}

function digestWarnings(digests: readonly Tally[]): Diagnostic[] {
  if (digests.length < 2) return [];
  const list = digests.map((d) => `${d.value} (${d.count})`).join(', ');
  const message = `the decisions were made under ${digests.length} different rule sets: ${list}; compare their outcomes only with that in mind, or re-evaluate the snapshots under one rule set`;
  return [{ severity: 'warning', code: 'mixed-rule-digests', message }];
}

function bump<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Most frequent first; ties in code-unit order, so the report never depends on the locale. */
function tallies(map: ReadonlyMap<string, number>): Tally[] {
  return [...map]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || compare(a.value, b.value));
}

function capped<T>(entries: T[], total: number): Capped<T> {
  return { total, shown: entries.length, omitted: total - entries.length, entries };
}

function rank(order: readonly string[], name: string): number {
  const index = order.indexOf(name);
  return index === -1 ? order.length : index;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
