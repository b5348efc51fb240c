/**
 * The server's log: pino (fastify's logger), one JSON line per request with only
 * `requestId`, method, route, status, duration and the rules digest that decided. Request
 * bodies (phone numbers, names of bindings) are never logged: fastify's own per-request lines
 * are replaced, and the serializers keep only fields that cannot hold a snapshot.
 */
import {
  LogController,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { ResolvedServerOptions } from './server-options.js';

class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      rulesDigest: request.serving?.policy.ruleSet.digest ?? null,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request failed');
    else reply.log.info(line, 'request');
  }
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
