/**
 * The one error appendToLog throws. Callers must fail closed on it: a decision that could not
 * be logged is not reported. `reason` says what kind of failure it was, so a caller can decide
 * whether waiting and retrying makes sense (`locked`) or a person must look (`broken-log`).
 */

/**
 * - `unwritable`: the log or its directory cannot be created or written (missing directory,
 *   a path under a regular file, permissions, read-only file system).
 * - `locked`: another writer held the lock for longer than the wait allowed.
 * - `no-space`: the disk or quota is full.
 * - `broken-log`: the log's end is corrupt or does not match its head file; appending would
 *   extend a broken chain, so nothing was written.
 * - `too-large`: a record would make a line longer than readers read (16 MiB).
 * - `signing`: the head is signed, and no key (or an unreadable one) was given to sign the next.
 * - `io`: any other failure of the file system.
 */
export type LogWriteFailure =
  'unwritable' | 'locked' | 'no-space' | 'broken-log' | 'too-large' | 'signing' | 'io';

export class LogWriteError extends Error {
  readonly file: string;
  readonly reason: LogWriteFailure;

  constructor(
    file: string,
    reason: LogWriteFailure,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(
      `${file}: ${message}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'LogWriteError';
    this.file = file;
    this.reason = reason;
  }
}

/** A file-system error while `doing` something, as a LogWriteError saying what to do about it. */
export function logWriteErrorOf(file: string, doing: string, error: unknown): LogWriteError {
  if (error instanceof LogWriteError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const detail = (error as Error).message;
  switch (code) {
    case 'ENOENT':
      return new LogWriteError(
        file,
        'unwritable',
        `cannot ${doing}: its directory does not exist; create it first (${detail})`,
        { cause: error },
      );
    case 'ENOTDIR':
      return new LogWriteError(
        file,
        'unwritable',
        `cannot ${doing}: a part of the path is a file, not a directory; choose another log path (${detail})`,
        { cause: error },
      );
    case 'EISDIR':
      return new LogWriteError(
        file,
        'unwritable',
        `cannot ${doing}: the path is a directory; name a file inside it (${detail})`,
        { cause: error },
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new LogWriteError(
        file,
        'unwritable',
        `cannot ${doing}: permission denied or read-only file system; let this process write the log and its directory (${detail})`,
        { cause: error },
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return new LogWriteError(
        file,
        'no-space',
        `cannot ${doing}: no space left on the device; free space, then retry (${detail})`,
        { cause: error },
      );
    default:
      return new LogWriteError(file, 'io', `cannot ${doing}: ${detail}`, { cause: error });
  }
}
