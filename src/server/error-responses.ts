/**
 * Every error answer has one shape, `{ error, diagnostics }` (schemas/http-error.schema.json):
 * bad input is 400 with the diagnostics the CLI prints; the HTTP-level refusals (413, 415, 404)
 * and the fail-closed decision log (503) say what to do in the same form. Errors never carry a
 * decision, and the log never carries the request body.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { LogWriteError } from '../audit/log/log-write-error.js';
import { InvalidInputError, problemCount, type Diagnostic } from '../diagnostics.js';
import type { ErrorResponse } from '../generated/http-error.js';
import { CLIENT_GONE_STATUS } from './request-log.js';
import { ClientGoneError, UnavailableError } from './unavailable.js';

/**
 * schemas/http-error.schema.json. The schema's `diagnostics` has at least one; the type takes
 * any list, as errorBody does (every caller passes one or more).
 */
export type ErrorBody = Omit<ErrorResponse, 'diagnostics'> & { diagnostics: Diagnostic[] };

const REASONS: Record<number, string> = {
  400: 'invalid input',
  404: 'not found',
  408: 'request timeout',
  413: 'body too large',
  415: 'unsupported media type',
  431: 'headers too large',
  500: 'internal error',
  503: 'decision log unavailable',
};

/** Where one status has several causes, the first diagnostic's code names the reason. */
const CODE_REASONS: Partial<Record<Diagnostic['code'], string>> = {
  overloaded: 'overloaded',
  'time-limit-exceeded': 'time limit exceeded',
  'shutting-down': 'shutting down',
};

/** The summary line: the HTTP reason, then the first diagnostic as `pointer: message`. */
export function errorBody(status: number, diagnostics: readonly Diagnostic[]): ErrorBody {
  const first = diagnostics[0];
  const where = first
    ? [first.pointer, first.message].filter((part) => part !== undefined && part !== '').join(': ')
    : '';
  const others = problemCount(diagnostics) - 1;
  const more = others > 0 ? ` (and ${others} more)` : '';
  const reason = (first && CODE_REASONS[first.code]) ?? REASONS[status] ?? 'error';
  return {
    error: `${reason}${where ? `: ${where}` : ''}${more}`,
    diagnostics: [...diagnostics],
  };
}

function problem(code: Diagnostic['code'], message: string): Diagnostic[] {
  return [{ severity: 'error', code, message }];
}

/** The status and diagnostics for anything a route, a parser or fastify threw. */
export function classifyError(
  error: unknown,
  request: FastifyRequest,
): { status: number; diagnostics: Diagnostic[] } {
  if (error instanceof InvalidInputError)
    return { status: 400, diagnostics: [...error.diagnostics] };
  if (error instanceof UnavailableError)
    return { status: 503, diagnostics: problem(error.code, error.message) };
  if (error instanceof LogWriteError) {
    return {
      status: 503,
      diagnostics: problem(
        'log-write-failed',
        `the decision log could not be written (${error.reason}), so no decision is reported; retry later, and tell the operator if it persists`,
      ),
    };
  }
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        diagnostics: problem(
          'body-too-large',
          `the body is larger than this endpoint's limit of ${request.routeOptions.bodyLimit} bytes; send fewer or smaller snapshots`,
        ),
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        diagnostics: problem(
          'unsupported-media-type',
          `send the body as UTF-8 JSON with "Content-Type: application/json" (got ${JSON.stringify(request.headers['content-type'] ?? 'none')})`,
        ),
      };
  }
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500)
    return {
      status,
      diagnostics: problem('bad-request', fastifyError.message ?? 'the request is malformed'),
    };
  return {
    status: 500,
    diagnostics: problem(
      'internal-error',
      `the server failed (a bug; please report it with request id ${request.id})`,
    ),
  };
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  // Its client closed the connection: nobody to answer, not a bug; the request log has its line.
  if (error instanceof ClientGoneError) {
    void reply.code(CLIENT_GONE_STATUS).send();
    return;
  }
  const { status, diagnostics } = classifyError(error, request);
  if (error instanceof UnavailableError)
    void reply.header('retry-after', String(error.retryAfter)).header('connection', 'close');
  else if (status >= 500)
    request.log.error(
      { err: error },
      status === 503 ? 'decision log unavailable' : 'internal error',
    );
  void reply.code(status).send(errorBody(status, diagnostics));
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): void {
  void reply
    .code(404)
    .send(
      errorBody(
        404,
        problem(
          'not-found',
          `no endpoint ${request.method} ${request.url.split('?')[0] ?? ''}; GET /openapi.json lists them`,
        ),
      ),
    );
}
