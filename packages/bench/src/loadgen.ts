// The load generator, run as its own process on its own core (load.ts starts it). Reads a LoadPlan as JSON on
// stdin, writes a LoadResult as JSON on stdout.
//   open:   requests on a timetable (request i at t0 + i / rate), sent whether or not earlier ones have answered, each
//           measured from its scheduled time, so a stall shows in every request it delays (no coordinated
//           omission). The loop polls its core so it sends on time; `lagMaxUs` says how late it ever was.
//   closed: autocannon with N connections, each sending its next request when the last answered: the throughput the
//           server reaches, with the latency autocannon measures (closed loop: tails are understated by design).
import http from 'node:http';
import { createRequire } from 'node:module';

/** The part of autocannon's (untyped, CommonJS) API used here. */
type Histogram = { p50: number; p97_5: number; p99: number; max: number };
type CannonResult = {
  latency: Histogram; requests: { average: number; total: number; sent: number }; errors: number; timeouts: number;
  non2xx: number; '2xx': number; '5xx': number;
};
type CannonOptions = {
  url: string; connections: number; duration: number; timeout?: number;
  requests?: { method?: string; setupRequest?: (req: Record<string, unknown>) => Record<string, unknown> }[];
};
const autocannon = createRequire(import.meta.url)('autocannon') as (options: CannonOptions) => Promise<CannonResult>;

export type Spec = { path: string; token?: string };
export type LoadPlan = {
  mode: 'open' | 'closed';
  base: string;
  specs: Spec[];
  rate: number;
  warmupS: number;
  seconds: number;
  timeoutMs: number;
  connections: number;
};
export type LoadResult = {
  latenciesUs: number[];
  sent: number;
  answered: number;
  errors: number;
  statuses: Record<string, number>;
  achievedRate: number;
  lagMaxUs: number;
  percentilesUs?: Record<string, number>;
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function openLoop(plan: LoadPlan): Promise<LoadResult> {
  const url = new URL(plan.base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.connections });
  const interval = 1000 / plan.rate;
  const warm = Math.round(plan.rate * plan.warmupS);
  const total = warm + Math.round(plan.rate * plan.seconds);
  const latency = new Float64Array(total).fill(NaN);
  const statuses: Record<string, number> = {};
  let errors = 0;
  let settled = 0;
  let settledMeasured = 0;
  let next = 0;
  let lagMax = 0;
  let lastEnd = 0;
  const t0 = performance.now() + 20;
  return new Promise((resolve) => {
    const finish = () => {
      agent.destroy();
      const measured = Array.from(latency.subarray(warm)).filter((v) => Number.isFinite(v));
      const window = (lastEnd - (t0 + warm * interval)) / 1000;
      resolve({
        latenciesUs: measured, sent: total - warm, answered: measured.length, errors: errors + (total - warm - settledMeasured),
        statuses, achievedRate: window > 0 ? measured.length / window : 0, lagMaxUs: lagMax * 1000,
      });
    };
    const deadline = setTimeout(finish, (plan.warmupS + plan.seconds) * 1000 + plan.timeoutMs + 100);
    const done = (i: number) => {
      settled += 1;
      if (i >= warm) settledMeasured += 1;
      if (settled === total) {
        clearTimeout(deadline);
        finish();
      }
    };
    const fire = (i: number, scheduled: number) => {
      const spec = plan.specs[i % plan.specs.length] as Spec;
      const headers: Record<string, string> = spec.token ? { authorization: `Bearer ${spec.token}` } : {};
      const req = http.request({ agent, host: url.hostname, port: url.port, path: spec.path, headers }, (res) => {
        res.on('data', () => {});
        res.on('end', () => {
          const end = performance.now();
          const key = String(res.statusCode);
          statuses[key] = (statuses[key] ?? 0) + 1;
          if ((res.statusCode ?? 500) >= 500) errors += i >= warm ? 1 : 0;
          else latency[i] = (end - scheduled) * 1000;
          lastEnd = Math.max(lastEnd, end);
          done(i);
        });
      });
      req.setTimeout(plan.timeoutMs, () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors += i >= warm ? 1 : 0;
        done(i);
      });
      req.end();
    };
    const pump = () => {
      const now = performance.now();
      while (next < total && t0 + next * interval <= now) {
        const scheduled = t0 + next * interval;
        lagMax = Math.max(lagMax, now - scheduled);
        fire(next, scheduled);
        next += 1;
      }
      if (next >= total) return;
      const wait = t0 + next * interval - performance.now();
      if (wait > 2) setTimeout(pump, wait - 1.5);
      else setImmediate(pump);
    };
    setTimeout(pump, 10);
  });
}

async function closedLoop(plan: LoadPlan): Promise<LoadResult> {
  let k = 0;
  const result = await autocannon({
    url: plan.base, connections: plan.connections, duration: plan.seconds, timeout: Math.ceil(plan.timeoutMs / 1000),
    requests: [{
      method: 'GET',
      setupRequest: (req: Record<string, unknown>) => {
        const spec = plan.specs[k++ % plan.specs.length] as Spec;
        return { ...req, path: spec.path, headers: spec.token ? { authorization: `Bearer ${spec.token}` } : {} };
      },
    }],
  });
  const l = result.latency;
  const ms = (v: number) => v * 1000;
  return {
    latenciesUs: [], sent: result.requests.sent, answered: result.requests.total, errors: result.errors + result.timeouts + result['5xx'],
    statuses: { '2xx': result['2xx'], non2xx: result.non2xx }, achievedRate: result.requests.average, lagMaxUs: 0,
    percentilesUs: { p50: ms(l.p50), p97_5: ms(l.p97_5), p99: ms(l.p99), max: ms(l.max) },
  };
}

const plan = JSON.parse(await readStdin()) as LoadPlan;
const result = plan.mode === 'open' ? await openLoop(plan) : await closedLoop(plan);
// Requests still queued or in flight must not keep this process alive: the answer is written, then it exits.
process.stdout.write(JSON.stringify(result), () => process.exit(0));
