/**
 * The two engines behind one interface. 'compiled' runs the closures built at load; 'reference'
 * runs json-rules-engine, whose semantics are the reference. A differential test
 * (test/engine-differential.test.ts) holds them equal; the caller picks one by name.
 */
import type { ConditionTrace } from '../generated/evaluation-result.js';
import type { Facts } from '../generated/facts.js';
import type { ConditionEntry } from './compiled-policy.js';
import { explainConditions } from './explain.js';
import { runConditions } from './run-conditions.js';

export type EngineName = 'compiled' | 'reference';

export const ENGINE_NAMES: readonly EngineName[] = ['compiled', 'reference'];

export interface ConditionEngine {
  /** Per entry id: whether its condition held. */
  verdicts(entries: readonly ConditionEntry[], facts: Facts): Promise<Map<string, boolean>>;
  /** Per entry id: the complete trace of its condition (--explain). */
  traces(entries: readonly ConditionEntry[], facts: Facts): Promise<Map<string, ConditionTrace>>;
}

const compiled: ConditionEngine = {
  async verdicts(entries, facts) {
    return new Map(entries.map((entry) => [entry.id, entry.compiled.holds(facts)]));
  },
  async traces(entries, facts) {
    return new Map(entries.map((entry) => [entry.id, entry.compiled.trace(facts)]));
  },
};

const reference: ConditionEngine = { verdicts: runConditions, traces: explainConditions };

export const ENGINES: Readonly<Record<EngineName, ConditionEngine>> = { compiled, reference };
