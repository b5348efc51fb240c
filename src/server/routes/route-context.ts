/** What every route file is given: the fastify instance, the options, the rules serving. */
import type { FastifyInstance } from 'fastify';
import type { RulesHolder, Serving } from '../rules-holder.js';
import type { ResolvedServerOptions } from '../server-options.js';

export interface RouteContext {
  fastify: FastifyInstance;
  options: ResolvedServerOptions;
  rules: RulesHolder;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The rule set captured when this request started: it decides and is named in the answer. */
    serving: Serving;
  }
}
