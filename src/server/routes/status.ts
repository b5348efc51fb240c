/** GET /healthz (the process is up), GET /readyz (a checked rule set serves), GET /openapi.json. */
import type { RouteContext } from './route-context.js';

export function registerStatus({ fastify, rules }: RouteContext, openApi: object): void {
  fastify.get('/healthz', async () => ({ status: 'ok' }));
  fastify.get('/readyz', async (request) => ({
    ready: true,
    rules: { digest: request.serving.policy.ruleSet.digest },
    loadedAt: request.serving.loadedAt,
    lastReload: rules.lastReload,
  }));
  fastify.get('/openapi.json', async () => openApi);
}
