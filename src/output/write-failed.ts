/**
 * How a failure to write `--out` reaches the user: a `write-failed` diagnostic (exit 2) naming
 * the flag, the reason in words, and what to do — never an errno dump or "internal error".
 */
import { InvalidInputError, type Diagnostic } from '../diagnostics.js';

/** Said without the partial file's name, which would only confuse. */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied; choose a directory you may write to',
  EPERM: 'permission denied; choose a directory you may write to',
  EROFS: 'the file system is read-only; choose another place',
  ENOSPC: 'the disk is full; free some space and run again',
  EDQUOT: 'the disk quota is exhausted; free some space and run again',
  EIO: 'an input/output error on the disk; check the device and run again',
  EFBIG: 'the file would be too large for its file system; choose another place',
  ENOTDIR: 'a part of the path is not a directory; check the path',
  ELOOP: 'the path has too many symbolic links (a loop?); check the path',
  ENAMETOOLONG: 'the path is too long; choose a shorter one',
  EISDIR: 'it is a directory; name a file',
  ENXIO: 'nothing is listening on it; start the reader first',
  ECONNREFUSED: 'nothing is listening on it; start the reader first',
};

/** The diagnostic for `--out <out>` (undefined: stdout): `reason` in words (with what to do), or an errno error. */
export function writeFailed(out: string | undefined, reason: string | Error): InvalidInputError {
  const words = typeof reason === 'string' ? reason : reasonOf(reason);
  const where = out === undefined ? {} : { file: out };
  return new InvalidInputError([
    {
      severity: 'error',
      code: 'write-failed',
      message: `cannot write ${out === undefined ? 'stdout' : '--out'}: ${words}`,
      ...where,
    },
  ]);
}

function reasonOf(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  // The directory was found first, so ENOENT here means it cannot hold new files (e.g. /proc).
  if (code === 'ENOENT') return 'no file can be created there; choose a directory you may write to';
  return REASONS[code] ?? `${error.message}; check the path and permissions`;
}

/**
 * The same refusal for a command whose output flag is not `--out` (e.g. `analyze
 * --write-tests`): `write-failed` and `out-is-input` then name that flag. Other errors pass as
 * they are.
 */
export function forFlag(error: unknown, flag: string): unknown {
  if (!(error instanceof InvalidInputError)) return error;
  const named = (d: Diagnostic): Diagnostic =>
    d.code === 'write-failed' || d.code === 'out-is-input'
      ? { ...d, message: d.message.replaceAll('--out', flag) }
      : d;
  return new InvalidInputError(error.diagnostics.map(named));
}
