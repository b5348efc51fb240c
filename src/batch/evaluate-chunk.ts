/**
 * Turns a chunk of snapshot texts into decision-record lines, in order: what one worker thread
 * does with each message (and the whole batch does in-process with workers: 0). A bad snapshot
 * becomes an error record carrying the diagnostics `evaluate` would print, at its file line.
 */
import { decisionRecord, errorRecord, type DecisionRecord } from '../render/record.js';
import { onInputLine } from '../load/on-input-line.js';
import type { EvaluateOptions } from '../evaluate/options.js';
import type { TextFormat } from '../load/parse-document.js';
import type { Policy } from '../evaluate/policy.js';
import { premiseIds } from '../rules/rule-set.js';
import { countRecord, emptyTally, type BatchTally } from './tally.js';

export interface BatchItem {
  file: string;
  /** 1-based NDJSON line; undefined for a whole-file snapshot. */
  line: number | undefined;
  text: string;
  format: TextFormat;
}

export interface ChunkResult {
  /** One NDJSON line (without newline) per item, in item order. */
  lines: string[];
  tally: BatchTally;
}

export async function evaluateChunk(
  policy: Policy,
  items: readonly BatchItem[],
  options: EvaluateOptions,
): Promise<ChunkResult> {
  const tally = emptyTally();
  const lines: string[] = [];
  const premises = new Set(premiseIds(policy.ruleSet));
  for (const item of items) {
    const record = await recordOf(policy, item, options);
    countRecord(tally, record, premises);
    lines.push(JSON.stringify(record));
  }
  return { lines, tally };
}

async function recordOf(
  policy: Policy,
  item: BatchItem,
  options: EvaluateOptions,
): Promise<DecisionRecord> {
  const source =
    item.line === undefined ? { file: item.file } : { file: item.file, line: item.line };
  const outcome = await policy.decide(
    { text: item.text, file: item.file, format: item.format },
    options,
  );
  if (!outcome.ok) return errorRecord(onInputLine(outcome.diagnostics, item.line), source);
  return decisionRecord(outcome.decision, outcome.snapshot, source);
}
