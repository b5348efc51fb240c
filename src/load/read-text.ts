/** Reads an input file or stdin ("-") as UTF-8 text and decides whether it is JSON or YAML. */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { InvalidInputError, readFailed } from '../diagnostics.js';
import { MAX_DOCUMENT_BYTES } from './limits.js';
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
  let text: string;
  try {
    const path = resolve(options.cwd ?? process.cwd(), file);
    // Refused before reading, so a huge file costs nothing (parse-document.ts checks the text too).
    if (file !== '-' && (await stat(path)).size > MAX_DOCUMENT_BYTES) throw tooLarge(file);
    text =
      file === '-'
        ? await boundedText(options.stdin ?? process.stdin, file)
        : await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw new InvalidInputError([readFailed(file, error)]);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { file, text, format: formatOf(file, text) };
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

/** The whole stream as UTF-8, refused as soon as it grows past the document limit. */
async function boundedText(stream: NodeJS.ReadableStream, file: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > MAX_DOCUMENT_BYTES) throw tooLarge(file);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}
