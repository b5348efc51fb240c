/**
 * The report's input, streamed one item at a time by the shared reader (load/read-snapshots.ts),
 * so a million lines never sit in memory. For a report, a source that cannot be read or holds
 * nothing is a usage problem (InvalidInputError, exit 2), not a line to count: the numbers of a
 * report that silently skipped a file would mislead whoever signs it.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidInputError, type Diagnostic } from '../diagnostics.js';
import type { ReadOptions } from '../load/read-text.js';
import { readSnapshots, type SnapshotText } from '../load/read-snapshots.js';
import type { LogHead } from '../audit/log/log-entry.js';
import { readLogRecords } from './read-log-input.js';

/** One record or snapshot as text, and where it came from. */
export type InputItem = Pick<SnapshotText, 'file' | 'line' | 'text' | 'format' | 'unreadable'> & {
  /** The index of the source (as given) it came from. */
  source?: number;
};

/** Every item of every source, in order. Throws InvalidInputError for a missing, unreadable or empty source. */
export async function* readReportInput(
  sources: readonly string[],
  options: ReadOptions = {},
  /** The verified heads of the sources that are decision logs (inspectSources); read from their entries. */
  logs: ReadonlyMap<string, LogHead> = new Map(),
): AsyncGenerator<InputItem> {
  await checkSources(sources, options);
  for (const [index, source] of sources.entries()) {
    let count = 0;
    const head = logs.get(source);
    const items = head
      ? readLogRecords(source, options.cwd ?? process.cwd(), head)
      : readSnapshots([source], options);
    for await (const item of items) {
      if ('kind' in item && item.kind === 'unreadable')
        throw new InvalidInputError(item.diagnostics);
      count += 1;
      yield { ...item, source: index };
    }
    if (count === 0) throw new InvalidInputError([emptySource(source)]);
  }
}

/** Every source must exist before any is read, so a typo fails at once, not after an hour of work. */
async function checkSources(sources: readonly string[], options: ReadOptions): Promise<void> {
  const problems: Diagnostic[] = [];
  for (const source of sources) {
    if (source === '-') continue;
    try {
      await stat(resolve(options.cwd ?? process.cwd(), source));
    } catch (error) {
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'no such file or directory'
          : (error as Error).message;
      problems.push({
        severity: 'error',
        code: 'read-failed',
        message: `cannot read: ${reason}`,
        file: source,
      });
    }
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
}

function emptySource(source: string): Diagnostic {
  const what = source === '-' ? 'stdin holds' : 'it holds';
  return {
    severity: 'error',
    code: 'empty-report-input',
    message: `${what} no decision records or snapshots: give an NDJSON file from \`batch\` (one record per line), snapshot files, or a directory of snapshot files`,
    file: source,
  };
}
