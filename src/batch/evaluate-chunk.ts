/**
 * Turns a chunk of snapshot texts into decision-record lines, in order: what one worker thread
 * does with each message (and the whole batch does in-process with workers: 0). A bad snapshot
 * becomes an error record carrying the diagnostics `evaluate` would print, at its file line.
 */
import { errorRecord, type DecisionRecord } from '../render/record.js';
import { InvalidInputError, type Diagnostic } from '../diagnostics.js';
import type { EvaluateOptions } from '../evaluate/options.js';
import type { TextFormat } from '../load/parse-document.js';
import type { Policy } from '../evaluate/policy.js';
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
  for (const item of items) {
    const record = await recordOf(policy, item, options);
    countRecord(tally, record);
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
  try {
    return await policy.recordText(item.text, {
      ...options,
      file: item.file,
      format: item.format,
      source,
    });
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return errorRecord(
      error.diagnostics.map((d) => atFileLine(d, item)),
      source,
    );
  }
}

/** An NDJSON line was parsed on its own, as line 1: put its diagnostics on the file's line. */
function atFileLine(diagnostic: Diagnostic, item: BatchItem): Diagnostic {
  if (item.line === undefined || diagnostic.line === undefined) return diagnostic;
  return { ...diagnostic, line: item.line + diagnostic.line - 1 };
}
