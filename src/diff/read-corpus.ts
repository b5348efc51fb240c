/**
 * Reads a diff corpus: the snapshots to evaluate under two rule sets, all of them (a diff
 * compares whole corpora). Sources are read by load/read-snapshots.ts; here a source that
 * cannot be read, or holds no snapshot, is a usage problem (InvalidInputError), while a bad
 * snapshot inside one is only counted later.
 */
import { InvalidInputError, type Diagnostic } from '../diagnostics.js';
import { readSnapshots, type SnapshotText } from '../load/read-snapshots.js';
import type { ReadOptions } from '../load/read-text.js';

/** One snapshot's text and where it came from. */
export type CorpusEntry = SnapshotText;

/** Reads every source in order; throws InvalidInputError naming each unreadable or empty one. */
export async function readCorpus(
  sources: readonly string[],
  options: ReadOptions = {},
): Promise<CorpusEntry[]> {
  const entries: CorpusEntry[] = [];
  const problems: Diagnostic[] = [];
  for (const source of sources) {
    const before = entries.length;
    for await (const input of readSnapshots([source], options)) {
      if (input.kind === 'unreadable') problems.push(...input.diagnostics);
      else entries.push(input);
    }
    if (entries.length === before && !problems.some((problem) => problem.file === source))
      problems.push(emptySource(source));
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  return entries;
}

function emptySource(source: string): Diagnostic {
  const what = source === '-' ? 'stdin holds' : 'it holds';
  return {
    severity: 'error',
    code: 'empty-corpus',
    message: `${what} no snapshots: give a directory of .json/.yaml/.yml files, or an NDJSON file with one snapshot per line`,
    file: source,
  };
}
