/** POST /v1/evaluate: one snapshot → its decision (SPEC §4 result plus decisionId). */
import { appendToLog } from '../../audit/log/append-to-log.js';
import { decide, evaluateResponse, type EvaluateRequest } from '../decide.js';
import { httpSchemaId } from '../http-schemas.js';
import type { RouteContext } from './route-context.js';

export function registerEvaluate({ fastify, options }: RouteContext): void {
  fastify.post<{ Body: EvaluateRequest }>(
    '/v1/evaluate',
    { bodyLimit: options.bodyLimit, schema: { body: { $ref: httpSchemaId('http-evaluate-request') } } },
    async (request) => {
      const record = await decide(request.serving.policy, request.body, { file: `http:${request.id}` });
      // Fail closed: a decision is answered only once its record is in the log (503 otherwise).
      if (options.log !== undefined) await appendToLog(options.log, [record]);
      return evaluateResponse(record);
    },
  );
}
