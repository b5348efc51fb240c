/**
 * Streams snapshot inputs one at a time, so a 10-million-line NDJSON file takes no more memory
 * than one line. A source is a directory of .json/.yaml/.yml files (in name order), one such
 * file, an NDJSON file (any other name: one snapshot per line), or "-" (NDJSON on stdin).
 * Nothing here throws for a bad source: it yields an `unreadable` item, and the caller decides
 * whether that stops everything (diff) or becomes an error record (batch).
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { InvalidInputError, type Diagnostic } from '../diagnostics.js';
import type { TextFormat } from './parse-document.js';
import { readInputText, type ReadOptions } from './read-text.js';

export interface SnapshotText {
  kind: 'snapshot';
  /** The file as the caller named it (joined with its directory); "-" for stdin. */
  file: string;
  /** 1-based line of an NDJSON entry; undefined for a whole-file snapshot. */
  line: number | undefined;
  text: string;
  format: TextFormat;
  /** Bytes of input consumed up to and including this one (for progress). */
  bytes: number;
}

export interface UnreadableSource {
  kind: 'unreadable';
  source: string;
  diagnostics: Diagnostic[];
}

export type SnapshotInput = SnapshotText | UnreadableSource;

const SNAPSHOT_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

export function isSnapshotFile(name: string): boolean {
  return SNAPSHOT_EXTENSIONS.has(extname(name).toLowerCase());
}

export async function* readSnapshots(sources: readonly string[], options: ReadOptions = {}): AsyncGenerator<SnapshotInput> {
  const cwd = options.cwd ?? process.cwd();
  let bytes = 0;
  for (const source of sources) {
    try {
      const path = resolve(cwd, source);
      const stats = source === '-' ? undefined : await stat(path).catch(() => undefined);
      if (stats?.isDirectory()) {
        for (const name of await snapshotFiles(source, path)) {
          const input = await readInputText(join(source, name), options);
          bytes += Buffer.byteLength(input.text);
          yield { kind: 'snapshot', file: input.file, line: undefined, text: input.text, format: input.format, bytes };
        }
      } else if (source !== '-' && isSnapshotFile(source)) {
        const input = await readInputText(source, options);
        bytes += Buffer.byteLength(input.text);
        yield { kind: 'snapshot', file: source, line: undefined, text: input.text, format: input.format, bytes };
      } else {
        if (source !== '-' && !stats) await readInputText(source, options); // throws the read-failed diagnostic
        const stream = source === '-' ? (options.stdin ?? process.stdin) : createReadStream(path);
        let line = 0;
        for await (const raw of createInterface({ input: stream, crlfDelay: Infinity })) {
          line++;
          bytes += Buffer.byteLength(raw) + 1;
          // A UTF-8 byte-order mark (Windows editors add one) is not part of the first snapshot.
          const text = line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
          if (text.trim() !== '') yield { kind: 'snapshot', file: source, line, text, format: 'json', bytes };
        }
      }
    } catch (error) {
      if (error instanceof InvalidInputError) yield { kind: 'unreadable', source, diagnostics: [...error.diagnostics] };
      else yield { kind: 'unreadable', source, diagnostics: [{ severity: 'error', code: 'read-failed', message: `cannot read: ${(error as Error).message}`, file: source }] };
    }
  }
}

async function snapshotFiles(source: string, path: string): Promise<string[]> {
  try {
    const entries = await readdir(path, { withFileTypes: true });
    // Plain code-unit order, so results are the same on every machine and locale.
    return entries.filter((entry) => entry.isFile() && isSnapshotFile(entry.name)).map((entry) => entry.name).sort();
  } catch (error) {
    throw new InvalidInputError([{ severity: 'error', code: 'read-failed', message: `cannot read the directory: ${(error as Error).message}`, file: source }]);
  }
}

/** Total bytes of the given sources when all are files or directories (for an ETA); undefined with stdin. */
export async function totalBytes(sources: readonly string[], cwd: string): Promise<number | undefined> {
  let total = 0;
  for (const source of sources) {
    if (source === '-') return undefined;
    const path = resolve(cwd, source);
    const stats = await stat(path).catch(() => undefined);
    if (!stats) continue;
    if (!stats.isDirectory()) total += stats.size;
    else for (const name of await snapshotFiles(source, path).catch(() => [])) total += (await stat(join(path, name))).size;
  }
  return total;
}
