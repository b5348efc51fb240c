/**
 * Requests refused before any route sees them get the documented error shape too, with
 * `x-rules-digest`, and one line in the request log:
 *
 * - Node's HTTP parser and timers (fastify's `clientErrorHandler`): headers too large (431), a
 *   malformed request line or a wrong Content-Length (400), a request not sent in time (408) —
 *   answered on the raw socket, which is then closed;
 * - fastify's router (`frameworkErrors`): a path that is not valid percent-encoding (400).
 */
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { maxHeaderSize, STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Diagnostic } from '../diagnostics.js';
import { errorBody, handleError } from './error-responses.js';
import { inFlightRequest, logClientError, logOnFinish } from './request-log.js';
import type { Serving } from './rules-holder.js';
import { currentResponse, whenEnded } from './request-ended.js';

/** What Node passes with 'clientError' (fastify's ConnectionError; only `code` is read). */
export interface ClientError extends Error {
  code?: string;
}

interface Refusal {
  status: number;
  code: Diagnostic['code'];
  message: string;
}

const MALFORMED: Partial<Record<string, string>> = {
  HPE_INVALID_EOF_STATE:
    'the connection was closed before the whole request was sent (a Content-Length larger than the body?)',
  HPE_INVALID_CONTENT_LENGTH: 'the Content-Length header is not a single decimal number',
  HPE_UNEXPECTED_CONTENT_LENGTH: 'the request has both Content-Length and Transfer-Encoding',
  HPE_INVALID_TRANSFER_ENCODING:
    'the Transfer-Encoding header is invalid, or sent together with Content-Length',
};

/** The status, code and message for one of Node's client errors; never quotes the request. */
export function refusalOf(error: ClientError): Refusal {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        code: 'headers-too-large',
        message: `the request line and headers are larger than the server accepts (${maxHeaderSize} bytes)`,
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'ERR_HTTP_HEADERS_TIMEOUT':
      return {
        status: 408,
        code: 'request-timeout',
        message: 'the request was not sent completely in time; the connection is closed',
      };
    default: {
      const cause = error.code ?? 'unknown';
      const message = MALFORMED[cause] ?? 'the request is not valid HTTP/1.1';
      return { status: 400, code: 'bad-request', message: `${message} (${cause})` };
    }
  }
}

/**
 * The whole answer as bytes: status line, headers and the JSON error body; `x-request-id` when
 * fastify had started on the request (Node refused its body), none when Node refused it first.
 */
export function rawAnswer(refusal: Refusal, digest: string, requestId?: string): string {
  const { status, code, message } = refusal;
  const body = JSON.stringify(errorBody(status, [{ severity: 'error', code, message }]));
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    `x-rules-digest: ${digest}`,
    ...(requestId === undefined ? [] : [`x-request-id: ${requestId}`]),
    'connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Node's own guard: answer only if no response on this socket has started to be written. */
function nothingWritten(socket: Duplex): boolean {
  return socket.writable && !currentResponse(socket)?.headersSent;
}

function entryOf(refusal: Refusal, error: ClientError) {
  return { status: refusal.status, code: refusal.code, cause: error.code ?? null };
}

/** Sockets already refused: Node may report a second parse error on one; it is answered once. */
const refused = new WeakSet<Duplex>();

type ClientErrorHandler = NonNullable<FastifyServerOptions['clientErrorHandler']>;

/** fastify calls it with `this` bound to the instance: `this.log` is the server log. */
function clientErrorHandler(
  current: () => Serving,
  onRefused: (status: number) => void,
): ClientErrorHandler {
  return function onClientError(this: { log: FastifyRequest['log'] }, error, socket) {
    // A reset connection has nobody to answer (fastify and Node skip it too); a request
    // fastify was reading on it is logged when it closes (request-log.ts).
    if (error.code === 'ECONNRESET' || socket.destroyed || refused.has(socket)) {
      socket.destroy();
      return;
    }
    refused.add(socket);
    const refusal = refusalOf(error);
    onRefused(refusal.status);
    const request = inFlightRequest(socket);
    const response = currentResponse(socket);
    if (request?.raw.complete && response) {
      // The bad bytes came after a whole request that is being decided: that request is
      // answered first (its decision may already be logged), then the connection closes.
      const digest = request.serving.policy.ruleSet.digest;
      logClientError(
        this.log,
        undefined,
        { ...entryOf(refusal, error), rulesDigest: digest },
        false,
      );
      whenEnded(response, () => socket.destroy());
      return;
    }
    const digest = (request?.serving ?? current()).policy.ruleSet.digest;
    const answered = nothingWritten(socket);
    logClientError(this.log, socket, { ...entryOf(refusal, error), rulesDigest: digest }, answered);
    if (answered) socket.write(rawAnswer(refusal, digest, request?.id));
    socket.destroy();
  };
}

/** The router's refusals (a path that is not valid percent-encoding): no onRequest hook ran. */
function frameworkErrors(current: () => Serving) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    request.serving = current();
    void reply
      .header('x-rules-digest', request.serving.policy.ruleSet.digest)
      .header('x-request-id', request.id);
    logOnFinish(request, reply);
    handleError(error, request, reply);
  };
}

/**
 * The options of `Fastify(...)` that answer refusals before routing in the documented shape;
 * `current` is the rule set serving now (the rules holder's `current`); `onRefused` counts a
 * request Node refused before routing, by status.
 */
export function clientErrorOptions(
  current: () => Serving,
  onRefused: (status: number) => void,
): Pick<FastifyServerOptions, 'clientErrorHandler' | 'frameworkErrors'> {
  return {
    clientErrorHandler: clientErrorHandler(current, onRefused),
    frameworkErrors: frameworkErrors(current) as NonNullable<
      FastifyServerOptions['frameworkErrors']
    >,
  };
}

/**
 * Node's HTTP server ends a connection as soon as its client half-closes it (sends FIN after
 * its request), so an answer still being computed is never written. A client that has sent
 * its whole request and shut down its side is still waiting for the answer: keep writing, and
 * end the connection after the last answer.
 */
export function answerHalfClosedClients(server: Server): void {
  // Node's own switch (lib/_http_server.js), not in @types/node.
  (server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
}
