/** What every route file is given: the fastify instance, the options, the rules serving, and the server's shared machinery. */
import type { FastifyInstance } from 'fastify';
import type { Admission } from '../admission.js';
import type { DecisionLog } from '../log-decisions.js';
import type { ServerMetrics } from '../metrics.js';
import type { RulesHolder, Serving } from '../rules-holder.js';
import type { ResolvedServerOptions } from '../server-options.js';

export interface RouteContext {
  fastify: FastifyInstance;
  options: ResolvedServerOptions;
  rules: RulesHolder;
  admission: Admission;
  decisionLog: DecisionLog;
  metrics: ServerMetrics;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The rule set captured when this request started: it decides and is named in the answer. */
    serving: Serving;
  }
}
