/**
 * Issue 13 items 2 and 7 over HTTP (the real server on loopback): a body in another charset is
 * 415, invalid UTF-8 is refused rather than read as U+FFFD, and a snapshot's integer written
 * inexactly (`1e-400`, which JSON.parse reads as 0) is refused as the CLI refuses it — in
 * /v1/evaluate and in each item of /v1/evaluate/batch.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/server/create-server.js';

let server: FastifyInstance;
let url: string;
beforeAll(async () => {
  server = await createServer({ logStream: { write: () => undefined } });
  url = await server.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
});

const snapshot = (balance: string) =>
  `{"accountId":"wxid_http","phone":null,"pay":{"enabled":false,"balanceFen":${balance},"pendingTransactions":0,"pendingRefunds":0,"bankCards":[]},"authorizations":[],"cancellation":null}`;

async function send(path: string, body: string | Uint8Array, contentType = 'application/json') {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return { status: response.status, json: (await response.json()) as Record<string, never> };
}

describe('HTTP bodies', () => {
  it('a charset other than UTF-8 is 415; utf-8 declared is fine', async () => {
    const body = `{"snapshot":${snapshot('0')},"now":"2026-11-24T00:00:00Z"}`;
    const latin1 = await send('/v1/evaluate', body, 'application/json; charset=latin1');
    expect(latin1.status).toBe(415);
    expect(JSON.stringify(latin1.json)).toContain('unsupported-media-type');
    expect((await send('/v1/evaluate', body, 'application/json; charset=UTF-8')).status).toBe(200);
  });

  it('invalid UTF-8 is refused (400 syntax), never decided with U+FFFD', async () => {
    const body = Buffer.from(`{"snapshot":${snapshot('0')},"now":"2026-11-24T00:00:00Z"}`);
    body[body.indexOf('wxid_http') + 5] = 0xff;
    const response = await send('/v1/evaluate', body);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.json)).toContain('the body is not valid UTF-8');
  });

  it('1e-400 in a snapshot integer is refused with its pointer, in evaluate and in batch', async () => {
    const one = await send(
      '/v1/evaluate',
      `{"snapshot":${snapshot('1e-400')},"now":"2026-11-24T00:00:00Z"}`,
    );
    expect(one.status).toBe(400);
    const text = JSON.stringify(one.json);
    expect(text).toContain('/snapshot/pay/balanceFen');
    expect(text).toContain('got 1e-400: it would be read as 0');
    const batch = await send(
      '/v1/evaluate/batch',
      `{"items":[{"snapshot":${snapshot('0')}},{"snapshot":${snapshot('4503599627370496.5')}}],"now":"2026-11-24T00:00:00Z"}`,
    );
    expect(batch.status).toBe(400);
    expect(JSON.stringify(batch.json)).toContain('/items/1/snapshot/pay/balanceFen');
    // an exact integer still decides
    const fine = await send(
      '/v1/evaluate',
      `{"snapshot":${snapshot('1250')},"now":"2026-11-24T00:00:00Z"}`,
    );
    expect(fine.status).toBe(200);
  });
});
