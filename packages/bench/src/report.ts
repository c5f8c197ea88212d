// The results: one JSON file (every metric, the test users, the agreement of the peers, how the run was made) and
// the same metrics as a markdown table, with each figure also as a multiple of its floor from the same run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { Metric } from './stats.ts';

/** Floor tokens the measurements use, resolved to the floor metric measured in this run. */
export type FloorNames = Record<'map' | 'pg' | 'db' | 'hello' | 'helloOpen', string | null>;

export function resolveFloors(metrics: Metric[], names: FloorNames): Metric[] {
  const p50 = new Map(metrics.filter((m) => m.section === 'floors').map((m) => [m.metric, m.p50]));
  return metrics.map((m) => {
    if (!m.floor) return m;
    const floorName = (names as Record<string, string | null>)[m.floor] ?? m.floor;
    const base = floorName ? p50.get(floorName) : undefined;
    const ratio = base && m.p50 !== null && m.unit === 'µs' ? Math.round((m.p50 / base) * 10) / 10 : null;
    return { ...m, floor: floorName, ratio };
  });
}

export const SECTIONS = ['floors', 'G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7', 'G8', 'G9', 'peers'] as const;

export type Results = {
  meta: Record<string, unknown>;
  dataset: Record<string, unknown>;
  testUsers: unknown[];
  sections: Record<string, Metric[]>;
  agreement: { compared: Record<string, number>; disagreements: string[]; tandemVsReference: string[]; equal: boolean };
  stale: string[];
  table: string;
};

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export function machine(): Record<string, unknown> {
  return {
    node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100), commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: git(['status', '--porcelain', '--', 'packages']).split('\n').filter(Boolean).length > 0,
  };
}

const fmt = (v: number | null, unit: string) => {
  if (v === null || !Number.isFinite(v)) return '';
  if (unit === 'µs') {
    if (Math.abs(v) >= 10_000) return `${(v / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} ms`;
    return `${v.toLocaleString('en-US', { maximumFractionDigits: Math.abs(v) < 10 ? 2 : 0 })} µs`;
  }
  return `${v.toLocaleString('en-US')}${unit === 'count' ? '' : ` ${unit}`}`;
};

export function markdown(size: string, db: string, metrics: Metric[]): string {
  const head = '| peer | size | metric | p50 | p95 | p99 | max | rate /s | errors | × floor |\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|';
  const rows = metrics.map((m) => {
    const silent = m.unit === 'µs' && m.p50 === null && m.errors > 0 ? ' (no answer within 5 s)' : '';
    const name = `${m.section === 'peers' || m.section === 'floors' ? '' : `${m.section}: `}${m.metric}${m.note?.startsWith('n/a') ? ` (${m.note})` : ''}${silent}`;
    const ratio = m.ratio === null ? '' : `${m.ratio.toLocaleString('en-US', { maximumFractionDigits: m.ratio < 100 ? 1 : 0 })} × ${m.floor === null ? '' : shortFloor(m.floor)}`;
    return `| ${m.peer} | ${size} ${db} | ${name} | ${fmt(m.p50, m.unit)} | ${fmt(m.p95, m.unit)} | ${fmt(m.p99, m.unit)} | ${fmt(m.max, m.unit)} | `
      + `${m.rate === null ? '' : m.rate.toLocaleString('en-US')} | ${m.errors} | ${ratio} |`;
  });
  return [head, ...rows].join('\n');
}

function shortFloor(name: string): string {
  if (name.startsWith('Map')) return 'Map.get';
  if (name.startsWith('PostgreSQL')) return 'pg pk';
  if (name.startsWith('PGlite')) return 'PGlite pk';
  if (name.includes('open loop')) return 'hello (load)';
  return 'hello';
}

export function writeResults(jsonFile: string, results: Results): string {
  mkdirSync(dirname(jsonFile), { recursive: true });
  writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  const md = jsonFile.replace(/\.json$/, '') + '.md';
  const meta = results.meta;
  writeFileSync(md, [
    `# Benchmark ${meta.size} on ${meta.db} (${meta.date})`, '',
    `Command: \`${meta.command}\``, '',
    `Machine: ${JSON.stringify(meta.machine)}`, '',
    `Peers agree with Tandem: ${results.agreement.equal ? 'yes' : 'NO'} (${JSON.stringify(results.agreement.compared)} answers compared)`, '',
    results.table, '',
  ].join('\n'));
  return md;
}
