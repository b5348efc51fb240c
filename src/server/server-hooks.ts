/** The hooks every request passes through, whatever its route. */
import type { FastifyInstance } from 'fastify';
import type { ServerMetrics } from './metrics.js';
import type { RulesHolder } from './rules-holder.js';

/** Each request captures the rule set once, first of all: it decides, and it is named. */
export function captureRulesPerRequest(fastify: FastifyInstance, rules: RulesHolder): void {
  fastify.decorateRequest('serving', null as never);
  fastify.addHook('onRequest', async (request, reply) => {
    request.serving = rules.current;
    void reply
      .header('x-rules-digest', request.serving.policy.ruleSet.digest)
      .header('x-request-id', request.id);
  });
}

/**
 * While shutting down, answers close their connection, so a keep-alive client does not hold
 * the process open until its idle timeout once its last in-flight request is answered.
 */
export function closeConnectionsWhenClosing(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (_request, reply) => {
    if (closing) void reply.header('connection', 'close');
  });
}

/** Every answer, counted and timed by route (the route's pattern, never the raw URL) and status. */
export function countRequests(fastify: FastifyInstance, metrics: ServerMetrics): void {
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.request(route, request.method, reply.statusCode, reply.elapsedTime / 1000);
  });
}
