/** Reads an input file or stdin ("-") as UTF-8 text and decides whether it is JSON or YAML. */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { text as streamText } from 'node:stream/consumers';
import { InvalidInputError } from '../diagnostics.js';
import type { TextFormat } from './parse-document.js';

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
    text = file === '-' ? await streamText(options.stdin ?? process.stdin) : await readFile(resolve(options.cwd ?? process.cwd(), file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory, not a file' : (error as Error).message;
    throw new InvalidInputError([{ severity: 'error', code: 'read-failed', message: `cannot read: ${reason}`, file }]);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { file, text, format: formatOf(file, text) };
}
