/**
 * Writes a file so that readers see the old contents or the new, never half of it: the text
 * goes to a temporary file in the same directory (rename is atomic only within a file system),
 * which then replaces the target. A failed write leaves no temporary file behind.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InvalidInputError } from '../diagnostics.js';

/** Said without the temporary file's name, which would only confuse. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'its directory does not exist; create it first',
  EACCES: 'permission denied; choose a directory you may write to',
  EPERM: 'permission denied; choose a directory you may write to',
  EISDIR: 'it is a directory; name a file',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
};

export async function writeAtomically(file: string, text: string, cwd: string = process.cwd()): Promise<void> {
  const target = resolve(cwd, file);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { flag: 'wx' });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    const reason = REASONS[(error as NodeJS.ErrnoException).code ?? ''] ?? (error as Error).message;
    throw new InvalidInputError([{ severity: 'error', code: 'write-failed', message: `cannot write the report: ${reason}`, file }]);
  }
}
