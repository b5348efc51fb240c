/**
 * account-policy/server: the policy as an HTTP service (fastify), apart from the main entry so
 * that importing the library does not load a web server. docs/http.md describes the API.
 */
export { createServer } from './create-server.js';
export { runUntilSignalled } from './run-until-signalled.js';

export type { ServerOptions, ReloadOutcome } from './create-server.js';
export type { ShutdownOptions } from './run-until-signalled.js';
export type { EvaluateRequest, EvaluateResponse } from './decide.js';
export type { BatchResponse } from './routes/batch.js';
export type { ErrorBody } from './error-responses.js';
