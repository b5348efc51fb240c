/** Reads a rule directory: every top-level *.yaml file, parsed with positions kept. */
import { join, resolve } from 'node:path';
import { InvalidInputError, type Diagnostic } from '../diagnostics.js';
import { matchingFiles } from '../load/list-files.js';
import { readInputText } from '../load/read-text.js';
import { parseDocumentText, type ParsedDocument } from '../load/parse-document.js';

export interface LoadedFile {
  name: string;
  path: string;
  document: ParsedDocument;
}

export interface ReadFiles {
  names: string[];
  files: LoadedFile[];
  texts: Array<{ name: string; text: string }>;
}

/** Every top-level *.yaml file, parsed with positions; undefined when the directory cannot be read. */
export async function readRuleFiles(
  dir: string,
  cwd: string,
  diagnostics: Diagnostic[],
): Promise<ReadFiles | undefined> {
  let names: string[];
  try {
    names = await matchingFiles(resolve(cwd, dir), (name) => /\.ya?ml$/.test(name));
  } catch (error) {
    diagnostics.push(readFailed(dir, error));
    return undefined;
  }
  const files: LoadedFile[] = [];
  const texts: Array<{ name: string; text: string }> = [];
  for (const name of names) {
    const path = join(dir, name);
    try {
      // As every input is read: a FIFO is refused, not waited on; invalid UTF-8 is refused.
      const { text } = await readInputText(path, { cwd });
      texts.push({ name, text });
      const parsed = parseDocumentText(text, 'yaml', path);
      if (parsed.ok) files.push({ name, path, document: parsed.document });
      else diagnostics.push(...parsed.diagnostics);
    } catch (error) {
      if (error instanceof InvalidInputError) diagnostics.push(...error.diagnostics);
      else diagnostics.push(readFailed(path, error));
    }
  }
  return { names, files, texts };
}

function readFailed(path: string, error: unknown): Diagnostic {
  const { code, message } = error as NodeJS.ErrnoException;
  const reason = code === 'ENOENT' ? 'no such file or directory' : message;
  return { severity: 'error', code: 'read-failed', message: `cannot read: ${reason}`, file: path };
}
