/** Reads an input file or stdin ("-") as UTF-8 text and decides whether it is JSON or YAML. */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { InvalidInputError, readFailed } from '../diagnostics.js';
import { MAX_DOCUMENT_BYTES } from './limits.js';
import { decodeUtf8 } from './read-lines.js';
import type { TextFormat } from './document.js';

export interface InputText {
  /** As the caller named it; "-" for stdin. */
  file: string;
  text: string;
  format: TextFormat;
}

/** .json is JSON and .yaml/.yml YAML; anything else (and stdin) is JSON if it starts with { or [. */
export function formatOf(file: string, text: string): TextFormat {
  const extension = extname(file).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

export interface ReadOptions {
  /** Relative paths are read from here. Default: process.cwd(). */
  cwd?: string | undefined;
  /** Read for "-". Default: process.stdin. */
  stdin?: NodeJS.ReadableStream | undefined;
}

export async function readInputText(file: string, options: ReadOptions = {}): Promise<InputText> {
  let bytes: Buffer;
  try {
    const path = resolve(options.cwd ?? process.cwd(), file);
    if (file !== '-') await refuseSpecial(path, file);
    bytes =
      file === '-'
        ? await boundedBytes(options.stdin ?? process.stdin, file)
        : await readFile(path);
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw new InvalidInputError([readFailed(file, error)]);
  }
  let text = decodeUtf8(bytes);
  if (text === undefined) throw refused(file, 'syntax', 'it is not valid UTF-8 text');
  if (file === '-' && text.trim() === '')
    throw refused(file, 'read-failed', 'no input on stdin: pipe a snapshot in, or name a file');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { file, text, format: formatOf(file, text) };
}

/**
 * Before reading: too large, or not a regular file (a FIFO would be waited on for ever, a
 * device read without end). A directory is left to readFile's EISDIR.
 */
export async function refuseSpecial(path: string, file: string): Promise<void> {
  const stats = await stat(path);
  if (stats.isFile() || stats.isDirectory()) {
    if (stats.size > MAX_DOCUMENT_BYTES && stats.isFile()) throw tooLarge(file);
    return;
  }
  const kind = stats.isFIFO() ? 'a FIFO (named pipe)' : stats.isSocket() ? 'a socket' : 'a device';
  throw refused(
    file,
    'read-failed',
    `it is ${kind}, not a regular file: name a file, or give - and send the data on stdin`,
  );
}

function refused(file: string, code: 'read-failed' | 'syntax', message: string) {
  return new InvalidInputError([
    { severity: 'error', code, message: `cannot read: ${message}`, file },
  ]);
}

function tooLarge(file: string): InvalidInputError {
  return new InvalidInputError([
    {
      severity: 'error',
      code: 'too-large',
      message: `more than ${MAX_DOCUMENT_BYTES} bytes (1 MiB); a snapshot must be smaller`,
      file,
    },
  ]);
}

/** The whole stream, refused as soon as it grows past the document limit. */
async function boundedBytes(stream: NodeJS.ReadableStream, file: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > MAX_DOCUMENT_BYTES) throw tooLarge(file);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}
