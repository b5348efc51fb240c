/**
 * GET /metrics: what the engineer on call can see, in the Prometheus text format (prom-client),
 * from a registry of this server's own — two servers in one process do not mix their counts.
 * Requests by route and status with their latency, decisions by policy and outcome, how long the
 * decision log takes to commit, the admission queues and what they shed, rule reloads, and the
 * rules digest serving now; plus prom-client's process metrics (RSS, CPU, event-loop lag).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DecisionRecord } from '../render/record.js';
import type { Admission, PoolName } from './admission.js';
import type { CommitObserver } from './log-decisions.js';

export interface ServerMetrics extends CommitObserver {
  readonly registry: Registry;
  request(route: string, method: string, status: number, seconds: number): void;
  /** A request Node refused before routing (400, 408, 431): no route, no handler ran. */
  refused(status: number): void;
  /** A request whose client closed the connection before its answer was sent. */
  clientGone(): void;
  decisions(records: readonly DecisionRecord[]): void;
  shed(pool: PoolName, reason: 'queue-full' | 'queue-wait'): void;
  reload(ok: boolean): void;
  rules(digest: string): void;
  /** Reads the queues' depth at every scrape. */
  watchQueues(admission: Admission): void;
}

const POOLS: readonly PoolName[] = ['evaluate', 'batch'];
const SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Registers = Registry[];

export function serverMetrics(): ServerMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  let admission: Admission | undefined;
  const http = httpInstruments(registers);
  const log = logInstruments(registers);
  const sheds = admissionInstruments(registers, () => admission);
  const rules = rulesInstruments(registers);
  return {
    registry,
    request(route, method, status, seconds) {
      http.requests.inc({ route, method, status: String(status) });
      http.latency.observe({ route, status: String(status) }, seconds);
    },
    refused: (status) => http.refused.inc({ status: String(status) }),
    clientGone: () => http.gone.inc(),
    decisions(records) {
      for (const record of records)
        if (record.kind === 'decision')
          for (const [policy, result] of Object.entries(record.policies))
            if (result) http.decided.inc({ policy, outcome: result.outcome });
    },
    committed(records, seconds, ok) {
      log.commits.observe({ result: ok ? 'ok' : 'failed' }, seconds);
      if (ok) log.committed.inc(records);
    },
    shed: (pool, reason) => sheds.inc({ pool, reason }),
    reload: (ok) => rules.reloads.inc({ result: ok ? 'ok' : 'refused' }),
    rules(digest) {
      rules.info.reset();
      rules.info.set({ digest }, 1);
    },
    watchQueues(queues) {
      admission = queues;
    },
  };
}

function httpInstruments(registers: Registers) {
  return {
    requests: new Counter({
      name: 'account_policy_http_requests_total',
      help: 'HTTP requests answered, by route, method and status.',
      labelNames: ['route', 'method', 'status'] as const,
      registers,
    }),
    latency: new Histogram({
      name: 'account_policy_http_request_duration_seconds',
      help: 'Time from a request arriving to its answer being sent, by route and status.',
      labelNames: ['route', 'status'] as const,
      buckets: SECONDS,
      registers,
    }),
    refused: new Counter({
      name: 'account_policy_http_refused_total',
      help: 'Requests Node refused before routing (malformed, headers too large, not sent in time), by status.',
      labelNames: ['status'] as const,
      registers,
    }),
    gone: new Counter({
      name: 'account_policy_http_client_gone_total',
      help: 'Requests whose client closed the connection before the answer was sent (logged as 499).',
      registers,
    }),
    decided: new Counter({
      name: 'account_policy_decisions_total',
      help: 'Policy results answered, by policy and outcome.',
      labelNames: ['policy', 'outcome'] as const,
      registers,
    }),
  };
}

function logInstruments(registers: Registers) {
  return {
    commits: new Histogram({
      name: 'account_policy_log_commit_duration_seconds',
      help: 'Time one group commit to the decision log took, by result (ok, failed).',
      labelNames: ['result'] as const,
      buckets: SECONDS,
      registers,
    }),
    committed: new Counter({
      name: 'account_policy_log_records_committed_total',
      help: 'Decision records committed to the decision log.',
      registers,
    }),
  };
}

function admissionInstruments(registers: Registers, admission: () => Admission | undefined) {
  new Gauge({
    name: 'account_policy_admission_queued',
    help: 'Requests waiting for an admission slot, by pool.',
    labelNames: ['pool'] as const,
    registers,
    collect() {
      for (const pool of POOLS) this.set({ pool }, admission()?.queued(pool) ?? 0);
    },
  });
  new Gauge({
    name: 'account_policy_admission_running',
    help: 'Requests holding an admission slot, by pool.',
    labelNames: ['pool'] as const,
    registers,
    collect() {
      for (const pool of POOLS) this.set({ pool }, admission()?.running(pool) ?? 0);
    },
  });
  const sheds = new Counter({
    name: 'account_policy_admission_shed_total',
    help: 'Requests answered 503 overloaded, by pool and reason (queue-full, queue-wait).',
    labelNames: ['pool', 'reason'] as const,
    registers,
  });
  for (const pool of POOLS)
    for (const reason of ['queue-full', 'queue-wait']) sheds.inc({ pool, reason }, 0);
  return sheds;
}

function rulesInstruments(registers: Registers) {
  const reloads = new Counter({
    name: 'account_policy_rules_reloads_total',
    help: 'Rule reloads, by result (ok: swapped in or unchanged; refused: the old rules keep serving).',
    labelNames: ['result'] as const,
    registers,
  });
  for (const result of ['ok', 'refused']) reloads.inc({ result }, 0);
  const info = new Gauge({
    name: 'account_policy_rules_info',
    help: 'The rule set serving now: 1 for its digest.',
    labelNames: ['digest'] as const,
    registers,
  });
  return { reloads, info };
}
