/**
 * The library side of `batch`: streams snapshot inputs, evaluates them in chunks on worker
 * threads (or in-process), and hands the record lines to `sink` strictly in input order.
 * At most a few chunks per worker are in flight, so memory stays flat however long the input.
 */
import { availableParallelism } from 'node:os';
import { errorRecord } from '../render/record.js';
import type { EvaluateOptions } from '../evaluate/options.js';
import { readSnapshots, type SnapshotInput } from '../load/read-snapshots.js';
import { loadPolicy } from '../evaluate/policy.js';
import { evaluateChunk, type BatchItem, type ChunkResult } from './evaluate-chunk.js';
import { addTally, countRecord, emptyTally, type BatchTally } from './tally.js';
import { WorkerPool } from './worker-pool.js';

export interface BatchOptions {
  /** NDJSON files, directories of .json/.yaml/.yml files, or "-" for NDJSON on stdin. */
  inputs: readonly string[];
  /** Rule directory. Default: the shipped rules/. */
  rules?: string | undefined;
  /** Evaluation options for every snapshot (now, unbind, lang, explain). */
  evaluate?: EvaluateOptions | undefined;
  /** Worker threads; 0 evaluates in this thread. Default: the number of cores. */
  workers?: number | undefined;
  /** Snapshots per message to a worker. Default: 256. */
  chunkSize?: number | undefined;
  /** Relative paths are read from here. Default: process.cwd(). */
  cwd?: string | undefined;
  /** Read for "-". Default: process.stdin. */
  stdin?: NodeJS.ReadableStream | undefined;
  /** Called after each chunk is handed to the sink. */
  onProgress?: ((progress: { count: number; bytes: number }) => void) | undefined;
}

export interface BatchSummary extends BatchTally {
  elapsedMs: number;
}

/** Receives each chunk's record lines, in input order; may be slow (backpressure, log fsync). */
export type BatchSink = (lines: readonly string[]) => Promise<void>;

export async function runBatch(options: BatchOptions, sink: BatchSink): Promise<BatchSummary> {
  const started = performance.now();
  const { cwd = process.cwd(), chunkSize = 256, evaluate: evaluateOptions = {} } = options;
  const workers = options.workers ?? availableParallelism();
  // Load the rules here first even with workers: a broken rule set is refused before any work.
  const policy = await loadPolicy({ rules: options.rules, cwd });
  const pool =
    workers > 0
      ? await WorkerPool.start(workers, { ruleSet: policy.ruleSet, options: evaluateOptions })
      : undefined;
  const evaluate = (seq: number, items: BatchItem[]) =>
    pool ? pool.run({ seq, items }) : evaluateChunk(policy, items, evaluateOptions);

  const tally = emptyTally();
  // Each chunk in flight, with how far into the input it reaches (progress counts what is written).
  const inFlight = new Map<number, { result: Promise<ChunkResult>; bytes: number }>();
  const maxInFlight = Math.max(2, workers * 3);
  let submitted = 0;
  let written = 0;
  let count = 0;
  let bytes = 0;
  let chunk: BatchItem[] = [];
  const submit = (result?: Promise<ChunkResult>) => {
    if (!result && chunk.length === 0) return;
    const seq = submitted++;
    const promise = result ?? evaluate(seq, chunk);
    promise.catch(() => undefined); // awaited in order below; avoid an unhandled rejection meanwhile
    inFlight.set(seq, { result: promise, bytes });
    if (!result) chunk = [];
  };
  const writeNext = async () => {
    const next = inFlight.get(written)!;
    const result = await next.result;
    inFlight.delete(written++);
    await sink(result.lines);
    addTally(tally, result.tally);
    count += result.lines.length;
    options.onProgress?.({ count, bytes: next.bytes });
  };

  try {
    for await (const input of readSnapshots(options.inputs, { cwd, stdin: options.stdin })) {
      if (input.kind === 'unreadable' || input.unreadable) {
        submit(); // keep input order: what was read before goes first
        submit(Promise.resolve(unreadableResult(input)));
      } else {
        bytes = input.bytes;
        chunk.push({ file: input.file, line: input.line, text: input.text, format: input.format });
        if (chunk.length >= chunkSize) submit();
      }
      while (inFlight.size >= maxInFlight) await writeNext();
    }
    submit();
    while (inFlight.size > 0) await writeNext();
  } finally {
    await pool?.close();
  }
  return { ...tally, elapsedMs: performance.now() - started };
}

/** The error record of an input that could not be read as text: its own chunk, in order. */
function unreadableResult(input: SnapshotInput): ChunkResult {
  const record =
    input.kind === 'unreadable'
      ? errorRecord(input.diagnostics, { file: input.source })
      : errorRecord(input.unreadable!, { file: input.file, line: input.line ?? 0 });
  const tally = emptyTally();
  countRecord(tally, record);
  return { lines: [JSON.stringify(record)], tally };
}
