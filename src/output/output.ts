/**
 * An output a command writes its result to (`--out`, or stdout): written in pieces, then
 * committed when the work succeeded or aborted when it failed, so nothing half-made is left.
 */

export interface Output {
  /** Appends text; resolves once it is handed on (backpressure). Rejects with `write-failed` or OutputClosedError. */
  write(text: string): Promise<void>;
  /** The work succeeded: make the output visible (a partial file is renamed into place). */
  commit(): Promise<void>;
  /** The work failed: leave nothing behind (a partial file is removed). Never throws. */
  abort(): Promise<void>;
}

/**
 * The reader went away (EPIPE: `batch … | head -1`, a FIFO's reader closed). Not success — the
 * output is incomplete — and not a bug: the CLI exits 141 without a message, as a shell reports
 * a process killed by SIGPIPE.
 */
export class OutputClosedError extends Error {
  constructor(cause: Error) {
    super('the reader closed the output before it was complete', { cause });
    this.name = 'OutputClosedError';
  }
}

/** Write errors that mean "nobody reads any more". */
export function isClosedError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || code === 'ECONNRESET' || code === 'ERR_STREAM_DESTROYED';
}
