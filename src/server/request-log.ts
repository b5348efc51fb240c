/**
 * The server's log: pino (fastify's logger), one JSON line per request with only
 * `requestId`, method, route, status, duration and the rules digest that decided. Request
 * bodies (phone numbers, names of bindings) are never logged: fastify's own per-request lines
 * are replaced, and the serializers keep only fields that cannot hold a snapshot.
 *
 * Exactly one line per request, however it ends: answered (fastify's requestCompleted), refused
 * by Node before or while it was read (client-errors.ts: `code` says why), or left by a client
 * that closed the connection before its answer was sent (status 499, `clientGone`).
 */
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  LogController,
  type FastifyBaseLogger,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { currentResponse, whenEnded } from './request-ended.js';
import type { ResolvedServerOptions } from './server-options.js';

/** Logged for a request whose client closed the connection before the answer was sent. */
export const CLIENT_GONE_STATUS = 499;

/** How Node refused a request (client-errors.ts), for its log line. */
export interface ClientErrorEntry {
  status: number;
  /** The diagnostic code of the answer. */
  code: string;
  /** Node's error code, e.g. HPE_HEADER_OVERFLOW. */
  cause: string | null;
  rulesDigest: string;
}

interface InFlight {
  request: FastifyRequest;
  reply: FastifyReply;
  /** The response finished or failed: fastify's requestCompleted writes the line. */
  settled: boolean;
  logged: boolean;
  refused: ClientErrorEntry | null;
}

const inFlight = new WeakMap<ServerResponse, InFlight>();

function requestLine(request: FastifyRequest, reply: FastifyReply, status: number) {
  return {
    method: request.method,
    route: request.routeOptions.url ?? null,
    status,
    durationMs: Math.round(reply.elapsedTime * 100) / 100,
    rulesDigest: request.serving?.policy.ruleSet.digest ?? null,
  };
}

/** The response never finished: refused by Node (client-errors.ts), or its client left. */
function logUnfinished(state: InFlight): void {
  state.logged = true;
  const { request, reply, refused } = state;
  if (refused) {
    const { status, code, cause } = refused;
    reply.log.info({ ...requestLine(request, reply, status), code, cause }, 'request');
  } else {
    const line = requestLine(request, reply, CLIENT_GONE_STATUS);
    reply.log.info({ ...line, clientGone: true }, 'request');
  }
}

class RequestLog extends LogController {
  override incomingRequest(request: FastifyRequest, reply: FastifyReply): void {
    const state: InFlight = { request, reply, settled: false, logged: false, refused: null };
    const raw = reply.raw;
    inFlight.set(raw, state);
    const settle = () => (state.settled = true);
    raw.once('finish', settle);
    raw.once('error', settle);
    whenEnded(raw, () => {
      if (!state.settled && !state.logged) logUnfinished(state);
    });
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const state = inFlight.get(reply.raw);
    if (state?.logged) return;
    if (state) state.logged = true;
    const line = requestLine(request, reply, reply.statusCode);
    if (error) reply.log.error({ ...line, err: error }, 'request failed');
    else reply.log.info(line, 'request');
  }
}

/** The response on this socket that fastify is still working on, if any. */
function inFlightOn(socket: Duplex): InFlight | undefined {
  const response = currentResponse(socket);
  const state = response ? inFlight.get(response) : undefined;
  return state && !state.settled && !state.logged ? state : undefined;
}

/** The request fastify is reading or deciding on this socket, if there is one. */
export function inFlightRequest(socket: Duplex): FastifyRequest | undefined {
  return inFlightOn(socket)?.request;
}

/**
 * The one line for a request Node refused: the request fastify was reading on this socket,
 * under its id, when its connection closes (with `entry` if the refusal was its answer, else as
 * unanswered); else — or with no `socket`, for bad bytes after a whole request — a line of its
 * own (no request id, method or route: Node refused it before they were known).
 */
export function logClientError(
  log: FastifyBaseLogger,
  socket: Duplex | undefined,
  entry: ClientErrorEntry,
  answered: boolean,
): void {
  const state = socket && inFlightOn(socket);
  if (state) {
    if (answered) state.refused = entry;
    return;
  }
  const { status, code, cause, rulesDigest } = entry;
  const line = { requestId: null, method: null, route: null, status, durationMs: null };
  log.info({ ...line, rulesDigest, code, cause }, 'request');
}

/**
 * For a reply fastify does not follow itself (its router's `frameworkErrors`, before routing):
 * the line when it is sent. A connection closed first is logged as for any request.
 */
export function logOnFinish(request: FastifyRequest, reply: FastifyReply): void {
  const state = inFlight.get(reply.raw);
  reply.raw.once('finish', () => {
    if (state?.logged) return;
    if (state) state.logged = true;
    reply.log.info(requestLine(request, reply, reply.statusCode), 'request');
  });
}

/** fastify's logger options: to the stream, with serializers that cannot leak a body. */
export function loggerOptions(
  options: ResolvedServerOptions,
): Pick<FastifyServerOptions, 'logger' | 'logController'> {
  if (options.logStream === false) return { logger: false };
  return {
    logController: new RequestLog({ requestIdLogLabel: 'requestId' }),
    logger: {
      level: options.logLevel,
      stream: options.logStream as NodeJS.WritableStream,
      serializers: {
        req: (req) => ({ method: req.method, url: (req.url ?? '').split('?')[0] ?? '' }),
        res: (reply) => ({ statusCode: reply.statusCode }),
        err: (error) => ({
          type: error.name,
          message: error.message,
          stack: error.stack ?? '',
          ...(error.code ? { code: error.code } : {}),
        }),
      },
    },
  };
}
