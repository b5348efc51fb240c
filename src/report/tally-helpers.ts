/** The small pure helpers of ReportTally: counters, sorted tallies, capped lists, warnings. */
import type { Diagnostic } from '../diagnostics.js';
import type { Capped, Tally } from './report-model.js';

export function digestWarnings(digests: readonly Tally[]): Diagnostic[] {
  if (digests.length < 2) return [];
  const list = digests.map((d) => `${d.value} (${d.count})`).join(', ');
  const message = `the decisions were made under ${digests.length} different rule sets: ${list}; compare their outcomes only with that in mind, or re-evaluate the snapshots under one rule set`;
  return [{ severity: 'warning', code: 'mixed-rule-digests', message }];
}

export function bump<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Most frequent first; ties in code-unit order, so the report never depends on the locale. */
export function tallies(map: ReadonlyMap<string, number>): Tally[] {
  return [...map]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || compare(a.value, b.value));
}

export function capped<T>(entries: T[], total: number): Capped<T> {
  return { total, shown: entries.length, omitted: total - entries.length, entries };
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
