/**
 * createServer: the HTTP service on the library — a fastify instance, not yet listening, with
 * every route, our validator, a bounded JSON parser, the error shape, the request log and the
 * rules holder. `account-policy serve` listens with it; tests inject into it or listen on port 0.
 */
import Fastify, { type FastifyHttpOptions, type FastifyInstance } from 'fastify';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import { handleError, handleNotFound } from './error-responses.js';
import { validatorCompiler } from './http-schemas.js';
import { jsonBodyParser } from './json-body.js';
import { openApiDocument } from './openapi.js';
import { loggerOptions } from './request-log.js';
import { holdRules, type ReloadOutcome, type RulesHolder } from './rules-holder.js';
import { registerBatch } from './routes/batch.js';
import { registerEvaluate } from './routes/evaluate.js';
import { registerRules } from './routes/rules.js';
import { registerStatus } from './routes/status.js';
import { createAdmission } from './admission.js';
import { answerHalfClosedClients, clientErrorOptions } from './client-errors.js';
import { checkLogDirectory, decisionLog } from './log-decisions.js';
import { serverMetrics, type ServerMetrics } from './metrics.js';
import { trackWork } from './request-work.js';
import {
  captureRulesPerRequest,
  closeConnectionsWhenClosing,
  countRequests,
} from './server-hooks.js';
import { shutdown, type ShutdownReport } from './shutdown.js';
import {
  resolveServerOptions,
  type ResolvedServerOptions,
  type ServerOptions,
} from './server-options.js';
import { watchRules } from './watch-rules.js';

export type { ServerOptions };
export type { ReloadOutcome };

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Loads and checks the rule directory again and swaps it in if it is good; a bad one is
     * refused (and logged with its diagnostics) and the old one keeps serving. SIGHUP and
     * --watch call this.
     */
    reloadRules(): Promise<ReloadOutcome>;
    /** Shuts down within `graceMs` and a second (src/server/shutdown.ts); runUntilSignalled calls it. */
    shutdown(graceMs: number): Promise<ShutdownReport>;
  }
}

/** Builds the server; throws InvalidInputError listing every problem if the rule set is broken. */
export async function createServer(serverOptions: ServerOptions = {}): Promise<FastifyInstance> {
  const options = resolveServerOptions(serverOptions);
  await checkLogDirectory(options.log);
  const rules = await holdRules(options.rulesDir);
  const metrics = serverMetrics();
  metrics.rules(rules.current.policy.ruleSet.digest);
  const fastify = Fastify(fastifyOptions(options, rules, metrics));
  // A client that half-closes after its request still gets the answer.
  answerHalfClosedClients(fastify.server);
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, jsonBodyParser(fastify));
  fastify.setErrorHandler(handleError);
  fastify.setNotFoundHandler(handleNotFound);

  captureRulesPerRequest(fastify, rules);
  const work = trackWork(fastify, options.timeLimit, () => metrics.clientGone());
  closeConnectionsWhenClosing(fastify);
  countRequests(fastify, metrics);
  const admission = createAdmission({
    pools: options.pools,
    queueWaitMs: options.queueWait,
    onShed: (pool, reason) => metrics.shed(pool, reason),
  });
  metrics.watchQueues(admission);

  const log = decisionLog(options, fastify.log, metrics);
  const context = { fastify, options, rules, admission, decisionLog: log, metrics };
  registerEvaluate(context);
  registerBatch(context);
  registerRules(context);
  registerStatus(context, openApiDocument(options));

  fastify.decorate('reloadRules', () => reload(fastify, rules, metrics));
  fastify.decorate('shutdown', (graceMs: number) => shutdown(fastify, work, graceMs));
  logLoaded(fastify, rules, options.rulesDir);
  if (options.watch) reloadOnChange(fastify, options);
  return fastify;
}

/** fastify's own options: limits, timeouts, the logger, ids, and answers before routing. */
function fastifyOptions(
  options: ResolvedServerOptions,
  rules: RulesHolder,
  metrics: ServerMetrics,
): FastifyHttpOptions<Server> {
  return {
    ...loggerOptions(options),
    bodyLimit: options.bodyLimit,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    requestTimeout: options.requestTimeout,
    // Node enforces requestTimeout (and headersTimeout) only when it checks, every 30 s by default.
    http: {
      connectionsCheckingInterval: Math.min(1_000, options.requestTimeout),
      headersTimeout: options.requestTimeout,
      requestTimeout: options.requestTimeout,
    },
    keepAliveTimeout: options.keepAliveTimeout,
    // Our onRequest hook answers 503 while closing, in the documented error shape.
    return503OnClosing: false,
    genReqId: () => randomUUID(),
    // Never trust a client's id: the log's requestId is ours.
    requestIdHeader: false,
    // Errors Node or fastify raise before routing answer in our shape, with the digest.
    ...clientErrorOptions(
      () => rules.current,
      (status) => metrics.refused(status),
    ),
  };
}

/** `--watch`: reloads the rules when their directory changes, until the server closes. */
function reloadOnChange(fastify: FastifyInstance, options: ResolvedServerOptions): void {
  const watcher = watchRules(
    options.rulesDir,
    options.watchDebounceMs,
    () =>
      void fastify
        .reloadRules()
        .catch((error: unknown) => fastify.log.error({ err: error }, 'rules reload failed')),
    (error) =>
      fastify.log.warn({ err: error }, 'cannot watch the rule directory; reload with SIGHUP'),
  );
  fastify.addHook('onClose', async () => watcher.close());
}

async function reload(
  fastify: FastifyInstance,
  rules: RulesHolder,
  metrics: ServerMetrics,
): Promise<ReloadOutcome> {
  const outcome = await rules.reload();
  metrics.reload(outcome.ok);
  if (outcome.ok) metrics.rules(outcome.digest);
  if (!outcome.ok) {
    fastify.log.error(
      { rulesDigest: outcome.digest, problems: outcome.diagnostics.map(logged) },
      'rules reload refused: the rule set has errors; the previous rules keep serving',
    );
  } else if (outcome.changed) {
    fastify.log.info(
      {
        rulesDigest: outcome.digest,
        previousDigest: outcome.previous,
        warnings: outcome.warnings.map(logged),
      },
      'rules reloaded',
    );
  } else {
    fastify.log.info({ rulesDigest: outcome.digest }, 'rules reloaded: unchanged');
  }
  return outcome;
}

function logLoaded(fastify: FastifyInstance, rules: RulesHolder, dir: string): void {
  const { policy } = rules.current;
  fastify.log.info(
    { rulesDigest: policy.ruleSet.digest, rulesDir: dir, warnings: policy.warnings.map(logged) },
    'rules loaded',
  );
}

/** A rule-file diagnostic for the log: where and what, and the usual one-line form. */
function logged(diagnostic: Diagnostic): object {
  const { lineText: _lineText, ...rest } = diagnostic;
  return { ...rest, text: formatDiagnostic(rest) };
}
