/**
 * Streams snapshot inputs one at a time, so a 10-million-line NDJSON file takes no more memory
 * than one line. A source is a directory of .json/.yaml/.yml files (in name order), one such
 * file, an NDJSON file (any other name: one snapshot per line), or "-" (NDJSON on stdin).
 * Nothing here throws for a bad source: it yields an `unreadable` item, and the caller decides
 * whether that stops everything (diff) or becomes an error record (batch).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { InvalidInputError, type Diagnostic } from '../diagnostics.js';
import { matchingFiles } from './list-files.js';
import { MAX_DOCUMENT_BYTES } from './limits.js';
import type { TextFormat } from './document.js';
import { decodeUtf8, readLines, type RawLine } from './read-lines.js';
import { readInputText, refuseSpecial, type ReadOptions } from './read-text.js';

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
  /**
   * Set when this NDJSON line could not be read as text (longer than 1 MiB, or not UTF-8): the
   * diagnostics stand for it and `text` is empty. It is that line's error, and the rest go on.
   */
  unreadable?: Diagnostic[];
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

export async function* readSnapshots(
  sources: readonly string[],
  options: ReadOptions = {},
): AsyncGenerator<SnapshotInput> {
  const cwd = options.cwd ?? process.cwd();
  // Bytes consumed across all the sources so far, for progress.
  const consumed = { bytes: 0 };
  for (const source of sources) {
    try {
      yield* readSource(source, cwd, options, consumed);
    } catch (error) {
      yield unreadableSource(source, error);
    }
  }
}

type Consumed = { bytes: number };

/** One source's snapshots: a directory's files, one snapshot file, or NDJSON lines. */
async function* readSource(
  source: string,
  cwd: string,
  options: ReadOptions,
  consumed: Consumed,
): AsyncGenerator<SnapshotText> {
  const path = resolve(cwd, source);
  const stats = source === '-' ? undefined : await stat(path).catch(() => undefined);
  if (stats && !stats.isFile() && !stats.isDirectory()) await refuseSpecial(path, source);
  if (stats?.isDirectory()) {
    for (const name of await snapshotFiles(source, path))
      yield await wholeFileSnapshot(join(source, name), options, consumed);
  } else if (source !== '-' && isSnapshotFile(source)) {
    yield await wholeFileSnapshot(source, options, consumed);
  } else {
    if (source !== '-' && !stats) await readInputText(source, options); // throws the read-failed diagnostic
    const stream = source === '-' ? (options.stdin ?? process.stdin) : createReadStream(path);
    yield* ndjsonSnapshots(source, stream as AsyncIterable<Buffer>, consumed);
  }
}

async function wholeFileSnapshot(
  file: string,
  options: ReadOptions,
  consumed: Consumed,
): Promise<SnapshotText> {
  const input = await readInputText(file, options);
  consumed.bytes += Buffer.byteLength(input.text);
  return {
    kind: 'snapshot',
    file: input.file,
    line: undefined,
    text: input.text,
    format: input.format,
    bytes: consumed.bytes,
  };
}

async function* ndjsonSnapshots(
  source: string,
  stream: AsyncIterable<Buffer>,
  consumed: Consumed,
): AsyncGenerator<SnapshotText> {
  // Bounded per line: a line of any length costs at most the limit in memory.
  for await (const raw of readLines(stream, MAX_DOCUMENT_BYTES + 1)) {
    consumed.bytes += raw.length + 1;
    const item = ndjsonLine(source, raw, consumed.bytes);
    if (item) yield item;
  }
}

/** A source that failed part-way or entirely: its diagnostics, or the error as `read-failed`. */
function unreadableSource(source: string, error: unknown): UnreadableSource {
  if (error instanceof InvalidInputError)
    return { kind: 'unreadable', source, diagnostics: [...error.diagnostics] };
  return {
    kind: 'unreadable',
    source,
    diagnostics: [
      {
        severity: 'error',
        code: 'read-failed',
        message: `cannot read: ${(error as Error).message}`,
        file: source,
      },
    ],
  };
}

/** One NDJSON line as a snapshot item; undefined for a blank line. */
function ndjsonLine(file: string, raw: RawLine, bytes: number): SnapshotText | undefined {
  const at = { kind: 'snapshot', file, line: raw.line, format: 'json', bytes } as const;
  const refuse = (code: Diagnostic['code'], message: string): SnapshotText => ({
    ...at,
    text: '',
    unreadable: [{ severity: 'error', code, message, file, line: raw.line }],
  });
  if (raw.bytes === undefined || raw.length > MAX_DOCUMENT_BYTES)
    return refuse(
      'too-large',
      `the line is ${raw.length} bytes, more than ${MAX_DOCUMENT_BYTES} (1 MiB); a snapshot must be smaller`,
    );
  let text = decodeUtf8(raw.bytes);
  if (text === undefined) return refuse('syntax', 'the line is not valid UTF-8');
  // A UTF-8 byte-order mark (Windows editors add one) is not part of the first snapshot; CRLF ends are accepted.
  if (raw.line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.endsWith('\r')) text = text.slice(0, -1);
  return text.trim() === '' ? undefined : { ...at, text };
}

async function snapshotFiles(source: string, path: string): Promise<string[]> {
  try {
    return await matchingFiles(path, isSnapshotFile);
  } catch (error) {
    throw new InvalidInputError([
      {
        severity: 'error',
        code: 'read-failed',
        message: `cannot read the directory: ${(error as Error).message}`,
        file: source,
      },
    ]);
  }
}

/** Total bytes of the given sources when all are files or directories (for an ETA); undefined with stdin. */
export async function totalBytes(
  sources: readonly string[],
  cwd: string,
): Promise<number | undefined> {
  let total = 0;
  for (const source of sources) {
    if (source === '-') return undefined;
    const path = resolve(cwd, source);
    const stats = await stat(path).catch(() => undefined);
    if (!stats) continue;
    if (!stats.isDirectory()) total += stats.size;
    else
      for (const name of await snapshotFiles(source, path).catch(() => []))
        total += (await stat(join(path, name))).size;
  }
  return total;
}
