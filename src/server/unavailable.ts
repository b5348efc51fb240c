/**
 * The 503s the server decides itself, besides a decision log it cannot write: a full queue, a
 * request over its time limit, a shutdown. Each says when to come back (`Retry-After`), and
 * each stops the request's work where it is: nothing it decided is logged or answered.
 */
import type { Diagnostic } from '../diagnostics.js';

export type UnavailableCode = Extract<
  Diagnostic['code'],
  'overloaded' | 'time-limit-exceeded' | 'shutting-down'
>;

export class UnavailableError extends Error {
  override readonly name = 'UnavailableError';

  constructor(
    readonly code: UnavailableCode,
    message: string,
    /** Seconds a client should wait before it retries (the `Retry-After` header). */
    readonly retryAfter: number,
  ) {
    super(message);
  }
}

export function overloaded(pool: string, queued: number): UnavailableError {
  return new UnavailableError(
    'overloaded',
    `the server is busy: ${queued} ${pool} ${queued === 1 ? 'request is' : 'requests are'} already waiting; retry after 1 s`,
    1,
  );
}

export function timeLimitExceeded(limitMs: number): UnavailableError {
  return new UnavailableError(
    'time-limit-exceeded',
    `the request was not done within the server's time limit of ${limitMs} ms, so its work stopped and nothing was logged; retry, or send a smaller batch`,
    1,
  );
}

export function shuttingDown(): UnavailableError {
  return new UnavailableError(
    'shutting-down',
    'the server is shutting down and starts no new decision; retry on another instance or after it restarts',
    5,
  );
}

/** The reason a request's work stops when its client has gone: nobody is left to answer. */
export class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError';
  constructor() {
    super('the client closed the connection before the answer');
  }
}
