// Starts the load generator (loadgen.ts) as its own process on the load core and turns its answer into a metric.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './dataset.ts';
import type { LoadPlan, LoadResult, Spec } from './loadgen.ts';
import { LOAD_CORE, pinned } from './processes.ts';
import { Api } from './http.ts';
import { metric, progress, sleep, summarize, type Metric } from './stats.ts';

export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const [command, args] = pinned(LOAD_CORE, process.execPath, ['--import', 'tsx', join('packages', 'bench', 'src', 'loadgen.ts')]);
  const child = spawn(command, args, { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  child.stdin.end(JSON.stringify(plan));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`load generator failed (exit ${code}): ${err.slice(-2000)}`);
  return JSON.parse(out) as LoadResult;
}

export type OpenRun = { section: string; peer: string; name: string; base: string; specs: Spec[]; rate: number; seconds: number; warmupS?: number; settlePath?: string };

/** Waits until the server answers `path` quickly again (a backlog from an overload must not spill into the next measurement). */
export async function settle(base: string, path: string): Promise<number> {
  const api = new Api(base);
  const started = performance.now();
  let quick = 0;
  try {
    while (quick < 3 && performance.now() - started < 60_000) {
      const r = await api.get(path).catch(() => ({ us: Infinity }));
      quick = r.us < 20_000 ? quick + 1 : 0;
      await sleep(100);
    }
  } finally {
    api.close();
  }
  return performance.now() - started;
}

/** One open-loop run at a fixed rate, then a pause so the next measurement starts on an idle server. */
export async function openLoop(run: OpenRun): Promise<Metric> {
  progress(`open loop ${run.rate}/s for ${run.seconds} s: ${run.name}`);
  const result = await runLoad({
    mode: 'open', base: run.base, specs: run.specs, rate: run.rate, warmupS: run.warmupS ?? Math.min(2, run.seconds / 2),
    seconds: run.seconds, timeoutMs: 5_000, connections: 256,
  });
  const settled = await settle(run.base, run.settlePath ?? '/api/v1/health');
  const s = summarize(result.latenciesUs);
  const statuses = Object.entries(result.statuses).map(([k, v]) => `${k}: ${v}`).join(', ');
  return metric(run.section, run.peer, run.name, s, {
    n: result.sent, rate: Math.round(result.achievedRate), errors: result.errors,
    note: `open loop at ${run.rate}/s, measured from the scheduled time; statuses ${statuses}; generator lag max ${Math.round(result.lagMaxUs)} µs; ${(settled / 1000).toFixed(1)} s to settle after`,
  });
}

/** The most the server answers with `connections` requests always in flight (autocannon, closed loop). */
export async function closedLoop(section: string, peer: string, name: string, base: string, specs: Spec[], seconds: number, connections: number): Promise<Metric> {
  progress(`closed loop, ${connections} connections for ${seconds} s: ${name}`);
  const result = await runLoad({ mode: 'closed', base, specs, rate: 0, warmupS: 0, seconds, timeoutMs: 10_000, connections });
  await settle(base, '/api/v1/health');
  const p = result.percentilesUs ?? {};
  return {
    section, peer, metric: name, unit: 'µs', n: result.answered, p50: Math.round(p.p50 ?? NaN), p95: null, p99: Math.round(p.p99 ?? NaN),
    max: Math.round(p.max ?? NaN), rate: Math.round(result.achievedRate), errors: result.errors, floor: null, ratio: null,
    note: `autocannon, ${connections} connections, closed loop (p97.5 ${Math.round(p.p97_5 ?? NaN)} µs; autocannon gives no p95); statuses ${JSON.stringify(result.statuses)}`,
  };
}
