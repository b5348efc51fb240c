/**
 * Reads a diff corpus: the snapshots to evaluate under two rule sets. A source is a directory of
 * .json/.yaml/.yml files (read in name order), a single such file, an NDJSON file (any other
 * name: one snapshot per line), or "-" for NDJSON on stdin. A source that cannot be read at all
 * is a usage problem (InvalidInputError); a bad snapshot inside one is only counted later.
 */
import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { InvalidInputError, type Diagnostic } from '../diagnostics.js';
import type { TextFormat } from '../load/parse-document.js';
import { readInputText, type ReadOptions } from '../load/read-text.js';

/** One snapshot's text and where it came from. */
export interface CorpusEntry {
  /** The file as the caller named it (joined with its directory); "-" for stdin. */
  file: string;
  /** 1-based line of an NDJSON entry; undefined for a whole-file snapshot. */
  line: number | undefined;
  text: string;
  format: TextFormat;
}

const SNAPSHOT_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

function isSnapshotFile(name: string): boolean {
  return SNAPSHOT_EXTENSIONS.has(extname(name).toLowerCase());
}

/** Reads every source in order; throws InvalidInputError naming each unreadable or empty one. */
export async function readCorpus(sources: readonly string[], options: ReadOptions = {}): Promise<CorpusEntry[]> {
  const entries: CorpusEntry[] = [];
  const problems: Diagnostic[] = [];
  for (const source of sources) {
    try {
      const found = await readSource(source, options);
      if (found.length === 0) problems.push(emptySource(source));
      entries.push(...found);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      problems.push(...error.diagnostics);
    }
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  return entries;
}

async function readSource(source: string, options: ReadOptions): Promise<CorpusEntry[]> {
  if (source !== '-' && (await isDirectory(resolve(options.cwd ?? process.cwd(), source)))) return readDirectory(source, options);
  const input = await readInputText(source, options);
  if (source !== '-' && isSnapshotFile(source)) return [{ file: source, line: undefined, text: input.text, format: input.format }];
  return splitNdjson(source, input.text);
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false; // readInputText then reports why the path cannot be read
  }
}

async function readDirectory(dir: string, options: ReadOptions): Promise<CorpusEntry[]> {
  let names: string[];
  try {
    const dirents = await readdir(resolve(options.cwd ?? process.cwd(), dir), { withFileTypes: true });
    names = dirents.filter((d) => d.isFile() && isSnapshotFile(d.name)).map((d) => d.name);
  } catch (error) {
    throw new InvalidInputError([{ severity: 'error', code: 'read-failed', message: `cannot read the directory: ${(error as Error).message}`, file: dir }]);
  }
  const entries: CorpusEntry[] = [];
  // Plain code-unit order, so the report is the same on every machine and locale.
  for (const name of names.sort()) {
    const input = await readInputText(join(dir, name), options);
    entries.push({ file: input.file, line: undefined, text: input.text, format: input.format });
  }
  return entries;
}

/** One entry per non-blank line, each parsed as JSON, keeping its line number for diagnostics. */
export function splitNdjson(file: string, text: string): CorpusEntry[] {
  const entries: CorpusEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const lineText = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (lineText.trim() !== '') entries.push({ file, line: index + 1, text: lineText, format: 'json' });
  });
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
