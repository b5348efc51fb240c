/**
 * GET /healthz (the process is up), GET /readyz (a checked rule set serves), GET /openapi.json,
 * GET /metrics (Prometheus text). None of them takes an admission slot: they are answered ahead
 * of all decision work.
 */
import type { RouteContext } from './route-context.js';

export function registerStatus({ fastify, rules, metrics }: RouteContext, openApi: object): void {
  fastify.get('/healthz', async () => ({ status: 'ok' }));
  fastify.get('/readyz', async (request) => ({
    ready: true,
    rules: { digest: request.serving.policy.ruleSet.digest },
    loadedAt: request.serving.loadedAt,
    lastReload: rules.lastReload,
  }));
  fastify.get('/openapi.json', async () => openApi);
  fastify.get('/metrics', async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}
