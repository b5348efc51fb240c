/**
 * The `paths` of the OpenAPI document: every endpoint the server answers, with the limits the
 * server was started with (body sizes, batch items) written into their descriptions.
 */
import { ok, ref, type Json } from './openapi-refs.js';
import type { ResolvedServerOptions } from './server-options.js';

/** The server options the document states. */
export type DocumentOptions = Pick<
  ResolvedServerOptions,
  'maxBatchItems' | 'bodyLimit' | 'batchBodyLimit'
>;

export function paths(options: DocumentOptions): Json {
  return { ...decisionPaths(options), ...servicePaths() };
}

/** The endpoints that decide: one snapshot, or a batch of them. */
function decisionPaths(options: DocumentOptions): Json {
  return {
    '/v1/evaluate': {
      post: {
        operationId: 'evaluate',
        summary: 'Decide every policy for one snapshot',
        description: `The SPEC §4 result plus decisionId, as \`account-policy evaluate --format json\` prints it. Body at most ${options.bodyLimit} bytes.`,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: ref('EvaluateRequest') } } },
        },
        responses: {
          '200': ok('The decision.', 'EvaluateResponse'),
          '400': { $ref: '#/components/responses/Invalid' },
          '413': { $ref: '#/components/responses/TooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '503': { $ref: '#/components/responses/Unavailable' },
        },
      },
    },
    '/v1/evaluate/batch': {
      post: {
        operationId: 'evaluateBatch',
        summary: `Decide up to ${options.maxBatchItems} snapshots in one call`,
        description: `Results in the order of the items; an item that cannot be evaluated is an error in its place and does not fail the others. Body at most ${options.batchBodyLimit} bytes.`,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: ref('BatchRequest') } } },
        },
        responses: {
          '200': ok('One result per item, in order.', 'BatchResponse'),
          '400': { $ref: '#/components/responses/Invalid' },
          '413': { $ref: '#/components/responses/TooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '503': { $ref: '#/components/responses/Unavailable' },
        },
      },
    },
  };
}

/** The endpoints about the service itself: its rules, its health, this document. */
function servicePaths(): Json {
  return {
    '/v1/rules': {
      get: {
        operationId: 'rules',
        summary: 'The rule set serving now',
        responses: {
          '200': ok(
            'Digest, parameters, sections, policies, rules, consequences and messages.',
            'RulesResponse',
          ),
        },
      },
    },
    '/healthz': {
      get: {
        operationId: 'health',
        summary: 'The process is up',
        responses: { '200': ok('Up.', 'ServerStatus', '/$defs/health') },
      },
    },
    '/readyz': {
      get: {
        operationId: 'ready',
        summary: 'A checked rule set is loaded and serving',
        responses: {
          '200': ok('Ready.', 'ServerStatus', '/$defs/ready'),
          '503': { $ref: '#/components/responses/Unavailable' },
        },
      },
    },
    '/metrics': {
      get: {
        operationId: 'metrics',
        summary: 'Counters, histograms and gauges for Prometheus (docs/http.md, Metrics)',
        responses: {
          '200': {
            description: 'The Prometheus text exposition format, version 0.0.4.',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'openapi',
        summary: 'This document',
        responses: {
          '200': {
            description: 'OpenAPI 3.1.',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      },
    },
  };
}
