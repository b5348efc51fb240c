/**
 * Issue 13 item 9: GET /metrics, scraped from the real server on loopback, in the Prometheus
 * text format: requests by route and status (the route's pattern, never the raw URL), decisions
 * by policy and outcome, decision-log commits, reloads refused and swapped in, and the digest of
 * the rules serving now.
 */
import type { FastifyInstance } from 'fastify';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/server/create-server.js';
import { connect } from 'node:net';
import { copyRuleSet, snapshot } from '../helpers.js';
import { startPost } from './raw-http.js';

let server: FastifyInstance;
let url: string;
let dir: string;
let rules: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'metrics-'));
  rules = await copyRuleSet();
  server = await createServer({ rules, log: join(dir, 'decisions.ndjson'), logStream: false });
  url = await server.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const evaluate = (body: unknown) =>
  fetch(`${url}/v1/evaluate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function scrape(): Promise<string[]> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return (await response.text()).split('\n');
}

describe('GET /metrics', () => {
  it('counts requests, decisions, commits and reloads, and names the rules serving', async () => {
    const now = '2026-11-24T00:00:00Z';
    expect((await evaluate({ snapshot: snapshot(), now })).status).toBe(200);
    expect((await evaluate({ snapshot: snapshot({ pay: { balanceFen: 5 } }), now })).status).toBe(
      200,
    );
    expect((await evaluate({ snapshot: 'no', now })).status).toBe(400);
    expect((await fetch(`${url}/no/such/path?phone=13800000000`)).status).toBe(404);
    const first = (await server.reloadRules()).digest;
    const parameters = join(rules, 'parameters.yaml');
    const text = await readFile(parameters, 'utf8');
    await writeFile(parameters, text.replace('phoneReleaseDays: 30', 'phoneReleaseDays: 31'));
    const digest = (await server.reloadRules()).digest;
    expect(digest).not.toBe(first);
    await writeFile(parameters, text.replace('phoneReleaseDays: 30', 'phoneReleaseDays: -1'));
    expect((await server.reloadRules()).ok).toBe(false);

    // Refused by Node before routing, and a client that leaves before its answer.
    const bad = startPost(url, '/v1/evaluate', '{}');
    bad.socket.write('this is not HTTP\r\n\r\n');
    expect((await bad.answer)?.status).toBe(400);
    const malformed = connect(Number(new URL(url).port), '127.0.0.1');
    malformed.resume().end('GET / HTTP/1.1\r\nContent-Length: abc\r\n\r\n');
    await new Promise((resolve) => malformed.on('close', resolve));
    const gone = startPost(url, '/v1/evaluate', '{"snapshot":{}}', 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    gone.socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));

    const lines = await scrape();
    const has = (line: string) => expect(lines).toContain(line);
    // Not HTTP; a Content-Length that is no number; and the body cut short by the client that left.
    has('account_policy_http_refused_total{status="400"} 3');
    has('account_policy_http_client_gone_total 1');
    has('account_policy_http_requests_total{route="/v1/evaluate",method="POST",status="200"} 2');
    has('account_policy_http_requests_total{route="/v1/evaluate",method="POST",status="400"} 1');
    has('account_policy_http_requests_total{route="unmatched",method="GET",status="404"} 1');
    has('account_policy_http_request_duration_seconds_count{route="/v1/evaluate",status="200"} 2');
    has('account_policy_decisions_total{policy="cancel",outcome="pass"} 1');
    has('account_policy_decisions_total{policy="cancel",outcome="fail"} 1');
    has('account_policy_log_commit_duration_seconds_count{result="ok"} 2');
    has('account_policy_log_records_committed_total 2');
    has('account_policy_rules_reloads_total{result="ok"} 2');
    has('account_policy_rules_reloads_total{result="refused"} 1');
    has(`account_policy_rules_info{digest="${digest}"} 1`);
    has('account_policy_admission_queued{pool="batch"} 0');
    has('account_policy_admission_shed_total{pool="evaluate",reason="queue-full"} 0');
    expect(lines.some((line) => line.startsWith('process_resident_memory_bytes '))).toBe(true);
    // Nothing of a request's URL or body reaches a label.
    expect(lines.join('\n')).not.toContain('13800000000');
    expect(lines.filter((line) => line.startsWith('account_policy_rules_info{'))).toHaveLength(1);
  });
});
