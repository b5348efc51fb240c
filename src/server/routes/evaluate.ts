/** POST /v1/evaluate: one snapshot → its decision (SPEC §4 result plus decisionId). */
import { InvalidInputError } from '../../diagnostics.js';
import { decide, evaluateResponse, type EvaluateRequest } from '../decide.js';
import { httpSchemaId } from '../http-schemas.js';
import type { RouteContext } from './route-context.js';

export function registerEvaluate(context: RouteContext): void {
  const { fastify, options, admission, decisionLog, metrics } = context;
  fastify.post<{ Body: EvaluateRequest }>(
    '/v1/evaluate',
    {
      bodyLimit: options.bodyLimit,
      onRequest: admission.admit('evaluate'),
      schema: { body: { $ref: httpSchemaId('http-evaluate-request') } },
    },
    async (request) => {
      request.work.check();
      const outcome = await decide(request.serving.policy, request.body, {
        file: `http:${request.id}`,
      });
      // A bad snapshot is answered 400 by the error handler, like every other bad input.
      if (!outcome.ok) throw new InvalidInputError(outcome.diagnostics);
      const { record } = outcome;
      // Fail closed: a decision is answered only once its record is in the log (503 otherwise).
      await decisionLog.commit([record], request.work);
      metrics.decisions([record]);
      return evaluateResponse(record);
    },
  );
}
