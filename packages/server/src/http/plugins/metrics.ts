// GET /metrics in the Prometheus text format (prom-client; issue 14 item 5, docs/decisions.md D43):
//   - tandem_http_requests_total{method,route,status} and tandem_http_request_duration_seconds{method,route}: per
//     route pattern (`/api/v1/contacts/:id`, never the raw URL, so ids and tokens never become labels), `unmatched`
//     for requests no route took;
//   - tandem_access_decisions_total{action,outcome} and tandem_access_filters_total{table} (observability/access-tally.ts);
//   - tandem_queue_jobs{queue,state} and tandem_queue_oldest_waiting_seconds{queue}: one query on queue_jobs per scrape;
//   - tandem_db_pool_connections{state} on PostgreSQL (PGlite has no pool: the series is absent);
//   - tandem_replica_reads_total{outcome} and tandem_replica_wait_seconds_total with a read replica (D49): lists read
//     on the standby at once, after waiting for its replay, or on the primary (standby lagging past the bound, or
//     unavailable); absent until a replica has been asked;
//   - Node's process metrics (CPU, memory, event loop lag, GC), collected once per process.
// Who may read it: with TANDEM_METRICS_TOKEN set, only a request with `Authorization: Bearer <that token>` (401
// otherwise); without it, only a direct connection from this machine's loopback with no forwarding header (a reverse
// proxy on the same host would otherwise make every visitor look local); anyone else gets the same 404 as an
// unknown path.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AppError } from '../../errors.ts';
import { decisionCounts, filterCounts } from '../../observability/access-tally.ts';
import { replicaReadCounts } from '../../observability/replica-tally.ts';
import type { Db, PoolStats } from '../../storage/connect.ts';
import { queueDepths, type QueueDepth } from '../../storage/metrics-queries.ts';

export type MetricsOptions = {
  db: Db;
  /** TANDEM_METRICS_TOKEN; unset: loopback only. */
  token?: string | null;
  poolStats?: (() => PoolStats) | undefined;
};

let processRegistry: Registry | null = null;

/** Node's own metrics, registered once per process (each app built in tests shares them). */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export function mayReadMetrics(request: FastifyRequest, token: string | null | undefined): 'yes' | 'token' | 'hidden' {
  if (token) {
    const header = request.headers.authorization;
    const given = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
    return given && timingSafeEqual(digest(given), digest(token)) ? 'yes' : 'token';
  }
  // The socket's own peer, not request.ip (which trusts X-Forwarded-For while trustProxy is on).
  const direct = LOOPBACK.has(request.raw.socket.remoteAddress ?? '') && FORWARDING_HEADERS.every((h) => request.headers[h] === undefined);
  return direct ? 'yes' : 'hidden';
}

type AppMetrics = { registry: Registry; requests: Counter; duration: Histogram; readQueue: () => void };

function appMetrics(options: MetricsOptions): AppMetrics {
  const registry = new Registry();
  // One query per scrape, read by both queue gauges (the registry collects its metrics concurrently).
  let depths: Promise<QueueDepth[]> = Promise.resolve([]);
  const requests = new Counter({
    name: 'tandem_http_requests_total', help: 'HTTP requests answered, by route pattern and status', labelNames: ['method', 'route', 'status'], registers: [registry],
  });
  const duration = new Histogram({
    name: 'tandem_http_request_duration_seconds', help: 'Time to answer an HTTP request, by route pattern', labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
  });
  new Counter({
    name: 'tandem_access_decisions_total', help: 'Core decisions on one record taken by the guards, by action and outcome (allowed, forbidden, invisible)',
    labelNames: ['action', 'outcome'], registers: [registry],
    collect() {
      this.reset();
      for (const d of decisionCounts()) this.inc({ action: d.action, outcome: d.outcome }, d.count);
    },
  });
  new Counter({
    name: 'tandem_access_filters_total', help: 'Compiled list policies rendered as SQL, by the listed table alias (c contacts, b buckets, ci calendar items, ...)',
    labelNames: ['table'], registers: [registry],
    collect() {
      this.reset();
      for (const f of filterCounts()) this.inc({ table: f.table }, f.count);
    },
  });
  new Gauge({
    name: 'tandem_queue_oldest_waiting_seconds', help: 'Age of the oldest job still to run, per queue', labelNames: ['queue'], registers: [registry],
    async collect() {
      this.reset();
      const now = Date.now();
      for (const q of await depths) if (q.oldestWaitingAt) this.set({ queue: q.queue }, Math.max(0, (now - q.oldestWaitingAt.getTime()) / 1000));
    },
  });
  new Gauge({
    name: 'tandem_queue_jobs', help: 'Jobs in the durable queue: waiting (to run or retry) and dead (out of attempts)', labelNames: ['queue', 'state'], registers: [registry],
    async collect() {
      this.reset();
      for (const q of await depths) {
        this.set({ queue: q.queue, state: 'waiting' }, q.waiting);
        this.set({ queue: q.queue, state: 'dead' }, q.dead);
      }
    },
  });
  new Counter({
    name: 'tandem_replica_reads_total', help: 'List reads with a read replica: on the standby (at once, or after waiting for replay), or on the primary (standby lagging past the bound, or unavailable)',
    labelNames: ['outcome'], registers: [registry],
    collect() {
      this.reset();
      for (const r of replicaReadCounts()?.outcomes ?? []) this.inc({ outcome: r.outcome }, r.count);
    },
  });
  new Counter({
    name: 'tandem_replica_wait_seconds_total', help: 'Time list reads spent waiting for the read replica to replay the primary\'s position', registers: [registry],
    collect() {
      this.reset();
      const counts = replicaReadCounts();
      if (counts) this.inc(counts.waitedMs / 1000);
    },
  });
  const poolStats = options.poolStats;
  if (poolStats) {
    new Gauge({
      name: 'tandem_db_pool_connections', help: 'PostgreSQL pool connections: total open, idle, callers waiting for one, and the maximum',
      labelNames: ['state'], registers: [registry],
      collect() {
        const s = poolStats();
        for (const state of ['total', 'idle', 'waiting', 'max'] as const) this.set({ state }, s[state]);
      },
    });
  }
  return { registry, requests, duration, readQueue: () => { depths = queueDepths(options.db); } };
}

const plugin: FastifyPluginAsync<MetricsOptions> = async (app, options) => {
  const { registry, requests, duration, readQueue } = appMetrics(options);
  const both = Registry.merge([processMetrics(), registry]);

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const access = mayReadMetrics(request, options.token);
    if (access === 'token') throw new AppError('TANDEM_AUTH_REQUIRED', 'The metrics need `Authorization: Bearer` with the token set in TANDEM_METRICS_TOKEN.');
    if (access === 'hidden') throw new AppError('TANDEM_NOT_FOUND', 'No route GET /metrics');
    readQueue();
    return reply.type(both.contentType).send(await both.metrics());
  });
};

export const metricsPlugin = fp(plugin, { name: 'metrics' });
