/**
 * POST /v1/evaluate/batch: many evaluate requests, answered in order by one rule set. Each
 * item is checked on its own, so a bad item is an error in its place and the others are still
 * decided. With a decision log, all the batch's records (error records too, as `batch` writes
 * them) are appended in one call before anything is answered.
 */
import { errorRecord, type DecisionRecord } from '../../render/record.js';
import type { Diagnostic } from '../../diagnostics.js';
import type { BatchResponse as GeneratedBatchResponse } from '../../generated/http-batch-response.js';
import {
  decide,
  evaluateResponse,
  type EvaluateRequest,
  type EvaluateResponse,
} from '../decide.js';
import { errorBody, type ErrorBody } from '../error-responses.js';
import { httpSchemaId, requestDiagnostics } from '../http-schemas.js';
import type { RouteContext } from './route-context.js';

/** schemas/http-batch-response.schema.json, with the error results as errorBody makes them. */
export type BatchResponse = Omit<GeneratedBatchResponse, 'results'> & {
  results: Array<EvaluateResponse | ErrorBody>;
};

/** Items decided between two yields to the event loop, so a big batch does not stall health checks. */
const ITEMS_PER_TURN = 50;

export function registerBatch(context: RouteContext): void {
  const { fastify, options, admission, decisionLog, metrics } = context;
  const bodySchema = {
    type: 'object',
    allOf: [{ $ref: httpSchemaId('http-batch-request') }],
    properties: { items: { type: 'array', maxItems: options.maxBatchItems } },
  };
  fastify.post<{ Body: { items: unknown[] } }>(
    '/v1/evaluate/batch',
    {
      bodyLimit: options.batchBodyLimit,
      onRequest: admission.admit('batch'),
      schema: { body: bodySchema },
    },
    async (request) => {
      const { policy } = request.serving;
      const results: BatchResponse['results'] = [];
      const records: DecisionRecord[] = [];
      for (const [index, item] of request.body.items.entries()) {
        if (index % ITEMS_PER_TURN === 0) {
          if (index > 0) await new Promise((resolve) => setImmediate(resolve));
          // Stopped (time limit, client gone, shutdown): no more work, nothing logged.
          request.work.check();
        }
        const source = { file: `http:${request.id}`, line: index + 1 };
        const refuse = (diagnostics: readonly Diagnostic[]) => {
          results.push(errorBody(400, diagnostics));
          records.push(errorRecord(diagnostics, source));
        };
        const problems = requestDiagnostics('http-evaluate-request', item, `/items/${index}`);
        if (problems.length > 0) {
          refuse(problems);
          continue;
        }
        const outcome = await decide(policy, item as EvaluateRequest, source);
        if (!outcome.ok) {
          refuse(outcome.diagnostics);
          continue;
        }
        results.push(evaluateResponse(outcome.record));
        records.push(outcome.record);
      }
      await decisionLog.commit(records, request.work);
      metrics.decisions(records);
      const errors = results.filter((result) => 'error' in result).length;
      const response: BatchResponse = {
        rules: { digest: policy.ruleSet.digest },
        evaluated: results.length - errors,
        errors,
        results,
      };
      return response;
    },
  );
}
