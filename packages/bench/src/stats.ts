// Numbers: percentiles of samples (µs), one metric row per measured thing, timing loops, and progress lines on
// stderr (a run can be watched; stdout keeps the table).

export type Summary = { n: number; p50: number; p95: number | null; p99: number; max: number };

/** One row of the results: what was measured, by whom, its tails, achieved rate, errors, and its floor. */
export type Metric = {
  section: string;
  peer: string;
  metric: string;
  unit: 'µs' | 'ms' | 'MB' | 'count';
  n: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  /** Achieved operations per second (open loop: answered per second; one at a time: 1 / mean). */
  rate: number | null;
  errors: number;
  /** The metric row whose p50 is this one's floor, and p50 / floor p50. */
  floor: string | null;
  ratio: number | null;
  note?: string;
};

export function summarize(samples: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(samples).filter((v) => Number.isFinite(v)).sort();
  const at = (q: number) => (sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number));
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.length ? (sorted[sorted.length - 1] as number) : NaN };
}

export function mean(samples: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i] as number;
  return samples.length ? sum / samples.length : NaN;
}

const round = (v: number | null) => (v === null || !Number.isFinite(v) ? null : Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 1000) / 1000);

export function metric(section: string, peer: string, name: string, s: Summary, extra: Partial<Metric> = {}): Metric {
  return {
    section, peer, metric: name, unit: 'µs', n: s.n, p50: round(s.p50), p95: round(s.p95), p99: round(s.p99), max: round(s.max),
    rate: null, errors: 0, floor: null, ratio: null, ...extra,
  };
}

/** A metric with one value (a count, a size, a time): p50 = max = value. */
export function single(section: string, peer: string, name: string, unit: Metric['unit'], value: number, extra: Partial<Metric> = {}): Metric {
  return { section, peer, metric: name, unit, n: 1, p50: round(value), p95: null, p99: null, max: round(value), rate: null, errors: 0, floor: null, ratio: null, ...extra };
}

export type Budget = { n: number; maxMs?: number };

/** Runs `op` one call at a time, `budget.n` times or until `budget.maxMs` has passed (one call at least); each timed alone, in µs. */
export async function timeSeq(budget: Budget, op: (i: number) => Promise<unknown>): Promise<{ us: Float64Array; rate: number }> {
  const us = new Float64Array(budget.n);
  const started = performance.now();
  let i = 0;
  for (; i < budget.n; i++) {
    const t = performance.now();
    await op(i);
    us[i] = (performance.now() - t) * 1000;
    if (budget.maxMs !== undefined && performance.now() - started > budget.maxMs) {
      i += 1;
      break;
    }
  }
  const out = us.slice(0, i);
  return { us: out, rate: (out.length * 1e6) / Math.max(1, out.reduce((a, b) => a + b, 0)) };
}

/** The same for synchronous work (in-process checks): no await between calls. */
export function timeSync(budget: Budget, op: (i: number) => unknown): { us: Float64Array; rate: number } {
  const us = new Float64Array(budget.n);
  const started = performance.now();
  let i = 0;
  for (; i < budget.n; i++) {
    const t = performance.now();
    op(i);
    us[i] = (performance.now() - t) * 1000;
    if (budget.maxMs !== undefined && (i & 63) === 0 && performance.now() - started > budget.maxMs) {
      i += 1;
      break;
    }
  }
  const out = us.slice(0, i);
  return { us: out, rate: (out.length * 1e6) / Math.max(1, out.reduce((a, b) => a + b, 0)) };
}

let startedAt = performance.now();
export function resetClock(): void {
  startedAt = performance.now();
}

/** One progress line on stderr, stamped with the seconds since the run started. */
export function progress(text: string): void {
  process.stderr.write(`[bench ${((performance.now() - startedAt) / 1000).toFixed(1).padStart(6)} s] ${text}\n`);
}

/** Deterministic pseudo-random numbers (mulberry32), so every peer gets the same sample. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
