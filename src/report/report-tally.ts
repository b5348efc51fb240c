/**
 * Counts decisions and errors as they stream past. Everything in the summary is a counter or a
 * map keyed by something small (policy, rule id, digest, version); only the first
 * `maxAccounts` accounts and errors are kept whole, so with a cap memory stays bounded for any
 * input size.
 */
import type { Lifecycle } from '../generated/decision-record.js';
import type { PolicyResult } from '../generated/evaluation-result.js';
import type { Lang } from '../lang.js';
import { failKind, premiseIds, type RuleSet } from '../rules/rule-set.js';
import { accountEntry, policyResults } from './account-entry.js';
import { percentOf } from './report-labels.js';
import type { AccountEntry, ErrorEntry, Report, ReportSummary } from './report-model.js';
import type { ReportEntry } from './read-entry.js';
import { bump, capped, compare, digestWarnings, tallies } from './tally-helpers.js';

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

type PolicyCounts = Omit<ReportSummary['policies'][number], 'policy' | 'title'>;

export class ReportTally {
  private readonly options: TallyOptions;
  private readonly counts = { accounts: 0, errors: 0, fromRecords: 0, fromSnapshots: 0 };
  private readonly policies = new Map<string, PolicyCounts>();
  /** Rule ids the report's rule set marks as premises (see countPolicy). */
  private readonly premises: ReadonlySet<string>;
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
    this.premises = new Set(premiseIds(options.ruleSet));
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

  /** A fail counts as notApplicable or blocked by the report's rule set (failKind). */
  private countPolicy(policy: string, result: PolicyResult): void {
    const tally = this.policies.get(policy) ?? {
      decided: 0,
      pass: 0,
      fail: 0,
      notApplicable: 0,
      blocked: 0,
    };
    tally.decided += 1;
    tally[result.outcome] += 1;
    if (result.outcome === 'fail') tally[failKind(result.reasons, this.premises)] += 1;
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

function rank(order: readonly string[], name: string): number {
  const index = order.indexOf(name);
  return index === -1 ? order.length : index;
}
