// The isolation probe: random requests, as every caller of the isolation world, to every GET operation of the
// generated OpenAPI document and to every write operation whose path names a record (those only with a record the
// caller may not see), with ids from both orgs and from records hidden from the caller. Each answer is judged against
// the core's decisions (isolation-judge.ts): it may contain no word naming a hidden record, and a request naming a
// hidden record must be answered exactly as the same request naming a record that does not exist.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { validArb, writeJson, type IdPool } from './fuzz-values.ts';
import { leakedWords, normalized, viewOf, type CallerView } from './isolation-judge.ts';
import { buildIsolationWorld, type IsolationWorld } from './isolation-world.ts';
import { fillPath, pathParamsOf, readOperations, type Operation, type Param } from './openapi-ops.ts';
import { asCurl, send, startTarget, type ProbeDb, type Sent, type Target } from './target.ts';

export type IsolationOptions = { db: ProbeDb; requests: number; seed: number };
export type Leak = { kind: 'secret in answer' | 'hidden differs from missing' | 'count differs from the core'; op: string; caller: string; what: string; curl: string };
export type IsolationReport = {
  db: ProbeDb; seed: number; requests: number; judged: number; hiddenTargets: number; boardsCounted: number; operations: number; byOperation: Record<string, number>;
  byStatus: Record<string, number>; leaks: Leak[]; ms: number;
};

/** A small seeded generator (mulberry32): a run with the same seed sends the same requests. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof rng>;

const WINDOWS = [['2026-01-04T00:00:00Z', '2026-01-11T00:00:00Z'], ['2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'], ['2025-12-29T00:00:00Z', '2026-01-05T09:00:00Z']];

function queryValue(p: Param, r: Rng, ids: readonly string[], words: readonly string[], window: string[]): string | undefined {
  const s = p.schema;
  if (Array.isArray(s.enum) && s.enum.length) return String(r.pick(s.enum as unknown[]));
  if (p.name === 'q') return r.pick(words);
  if (/id$/i.test(p.name)) return r.pick(ids);
  if (s.format === 'date-time') return p.name === 'to' || p.name === 'until' ? window[1] : window[0];
  if (p.name === 'limit') return String(typeof s.maximum === 'number' ? s.maximum : 100);
  if (s.type === 'integer' || s.type === 'number') return typeof s.minimum === 'number' ? String(s.minimum) : '0';
  return p.required ? 'x' : undefined;
}

/**
 * A board names no hidden card, but counts them: per the core, the cards of the pipeline whose contact (or which
 * itself) is hidden from the caller, and visibleCount the others (the world's cards are all on its first stage).
 */
function boardCountFault(world: IsolationWorld, view: CallerView, op: Operation, status: number, body: unknown, url: string): string | null {
  if (op.id !== 'getBoard' || status !== 200) return null;
  const pipelineId = url.split('?')[0]?.split('/')[4] ?? '';
  const stages = (body as { stages?: { hiddenCount: unknown; visibleCount: unknown }[] }).stages ?? [];
  const cards = world.records.filter((x) => x.kind === 'card' && x.ref === pipelineId);
  const hidden = cards.filter((x) => view.hidden.has(x.id)).length;
  const sum = (key: 'hiddenCount' | 'visibleCount') => stages.reduce((n, st) => n + (typeof st[key] === 'number' ? st[key] : Number.NaN), 0);
  if (sum('hiddenCount') !== hidden || sum('visibleCount') !== cards.length - hidden) {
    return `board of ${pipelineId}: hiddenCount ${sum('hiddenCount')} visibleCount ${sum('visibleCount')}, the core says ${hidden} hidden of ${cards.length}`;
  }
  return null;
}

type Probe = { op: Operation; sent: Sent; view: CallerView; hiddenParams: string[]; echoes: string[]; key: string };

export async function runIsolation(options: IsolationOptions, target?: Target): Promise<IsolationReport> {
  const own = target ?? (await startTarget(options.db));
  const started = performance.now();
  try {
    const ops = await readOperations(own.app);
    const world: IsolationWorld = await buildIsolationWorld(own);
    const views = await Promise.all(world.callers.map((c) => viewOf(own.db, world, c, own.clock.now())));
    const allIds = world.records.map((r) => r.id);
    const words = world.records.filter((r) => r.kind === 'contact' || r.kind === 'user').flatMap((r) => [r.name, r.name.split(' ')[1] ?? r.name, ...(r.extra ?? [])]);
    // Reads: every GET with credentials. Writes: those whose path names a record, probed only with a hidden record.
    const reads = ops.filter((o) => o.method === 'GET' && !o.isPublic);
    const writes = ops.filter((o) => o.method !== 'GET' && !o.isPublic && pathParamsOf(o).length > 0);
    const pool: IdPool = { own: allIds, foreign: [] };
    const bodies = new Map(writes.map((o) => [o.id, o.body ? fc.sample(validArb(o.body, 'body', pool), { seed: options.seed, numRuns: 8 }) : [undefined]]));
    const r = rng(options.seed);
    const report: IsolationReport = {
      db: options.db, seed: options.seed, requests: 0, judged: 0, hiddenTargets: 0, boardsCounted: 0, operations: reads.length + writes.length, byOperation: {}, byStatus: {}, leaks: [], ms: 0,
    };
    const missingAnswers = new Map<string, string>();
    // The audit log records what the org's users asked for (an export's filters name the ids they typed), so an id
    // some caller of the org once sent is an echo there, not a leak: words sent, by org, for audit answers only.
    const sentByOrg = new Map<string, Set<string>>();
    const sendCounted = async (op: Operation, sent: Sent) => {
      const answer = await send(own.app, sent);
      report.requests += 1;
      report.byOperation[op.id] = (report.byOperation[op.id] ?? 0) + 1;
      report.byStatus[answer.status] = (report.byStatus[answer.status] ?? 0) + 1;
      return answer;
    };

    const draw = (): Probe | null => {
      const view = r.pick(views);
      const write = r.chance(0.15);
      const op = write ? r.pick(writes) : r.pick(reads);
      const hiddenOfCaller = allIds.filter((id) => view.hidden.has(id));
      const pathValues: Record<string, string> = {};
      const hiddenParams: string[] = [];
      for (const p of pathParamsOf(op)) {
        if (Array.isArray(p.schema.enum)) {
          pathValues[p.name] = String(r.pick(p.schema.enum as unknown[]));
          continue;
        }
        const id = write || r.chance(0.6) ? r.pick(hiddenOfCaller.length ? hiddenOfCaller : allIds) : r.chance(0.9) ? r.pick(allIds) : randomUUID();
        pathValues[p.name] = id;
        if (view.hidden.has(id)) hiddenParams.push(p.name);
      }
      if (write && hiddenParams.length === 0) return null;
      const window = r.pick(WINDOWS);
      const query = op.params.filter((p) => p.in === 'query').flatMap((p) => {
        if (!p.required && r.chance(0.5)) return [];
        const v = queryValue(p, r, allIds, words, window);
        return v === undefined ? [] : [[p.name, v] as const];
      });
      const qs = query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
      const body = write ? r.pick(bodies.get(op.id) ?? [undefined]) : undefined;
      const headers: Record<string, string> = { authorization: `Bearer ${view.caller.token}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const url = fillPath(op.path, pathValues) + (qs ? `?${qs}` : '');
      const sent: Sent = { method: op.method, url, headers, ...(body !== undefined ? { payload: writeJson(body) } : {}) };
      const echoes = [...Object.values(pathValues), ...query.map(([, v]) => v)];
      return { op, sent, view, hiddenParams, echoes, key: `${view.caller.key} ${op.id}` };
    };

    while (report.requests < options.requests) {
      const probe = draw();
      if (!probe) continue;
      const { op, sent, view } = probe;
      const answer = await sendCounted(op, sent);
      report.judged += 1;
      const sentHere = sentByOrg.get(view.caller.orgId) ?? new Set<string>();
      sentByOrg.set(view.caller.orgId, sentHere);
      const echoes = op.path.startsWith('/api/v1/audit') ? [...probe.echoes, ...sentHere] : probe.echoes;
      for (const word of probe.echoes) sentHere.add(word);
      for (const word of JSON.stringify(sent.payload ?? '').match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []) sentHere.add(word);
      const leak = (kind: Leak['kind'], what: string) => report.leaks.push({ kind, op: op.id, caller: view.caller.key, what, curl: asCurl(sent) });
      for (const s of leakedWords(view, answer.text, echoes)) leak('secret in answer', `${answer.status}: names hidden ${s.record.kind} ${s.record.name} (${s.record.id}) by "${s.word}"`);
      if (op.id === 'getBoard' && answer.status === 200) report.boardsCounted += 1;
      const countFault = boardCountFault(world, view, op, answer.status, answer.body, sent.url);
      if (countFault) leak('count differs from the core', countFault);
      if (probe.hiddenParams.length) {
        report.hiddenTargets += 1;
        // The same request naming ids that exist nowhere (one per caller, operation, query and body: cached).
        const pathParts = op.path.split('/');
        const urlParts = sent.url.split('?')[0]?.split('/') ?? [];
        const all: Record<string, string> = {};
        const missing: string[] = [];
        const hiddenIds: string[] = [];
        pathParts.forEach((part, i) => {
          const name = /^\{(.+)\}$/.exec(part)?.[1];
          if (!name) return;
          if (probe.hiddenParams.includes(name)) {
            hiddenIds.push(urlParts[i] as string);
            all[name] = `00000000-0000-4000-8000-${String(missing.length).padStart(12, '0')}`;
            missing.push(all[name]);
          } else {
            all[name] = urlParts[i] as string;
          }
        });
        const query = sent.url.includes('?') ? `?${sent.url.split('?')[1]}` : '';
        const missingSent: Sent = { ...sent, url: fillPath(op.path, all) + query };
        const cacheKey = `${probe.key} ${missingSent.url} ${sent.payload ?? ''}`;
        let expected = missingAnswers.get(cacheKey);
        if (expected === undefined) {
          const m = await sendCounted(op, missingSent);
          expected = normalized(m.status, m.text, missing);
          for (const s of leakedWords(view, m.text, probe.echoes)) leak('secret in answer', `${m.status}: names hidden ${s.record.kind} ${s.record.name} (${s.record.id}) by "${s.word}"`);
          if (missingAnswers.size < 20_000) missingAnswers.set(cacheKey, expected);
        }
        const got = normalized(answer.status, answer.text, hiddenIds);
        if (got !== expected) leak('hidden differs from missing', `hidden ${probe.hiddenParams.join(', ')}: ${got.slice(0, 300)} | missing: ${expected.slice(0, 300)}`);
      }
    }
    report.ms = Math.round(performance.now() - started);
    return report;
  } finally {
    if (!target) await own.close();
  }
}

export function printIsolationReport(r: IsolationReport, log: (line: string) => void = console.log): void {
  log(`isolation on ${r.db} (seed ${r.seed}): ${r.requests} requests (${r.judged} drawn, ${r.hiddenTargets} naming a record hidden from the caller) over ${Object.keys(r.byOperation).length} of ${r.operations} operations in ${(r.ms / 1000).toFixed(1)} s`);
  log(`  answers by status: ${Object.entries(r.byStatus).sort(([a], [b]) => Number(a) - Number(b)).map(([s, n]) => `${s}: ${n}`).join(', ')}`);
  log(`  per operation: ${Object.entries(r.byOperation).sort(([a], [b]) => a.localeCompare(b)).map(([o, n]) => `${o} ${n}`).join(', ')}`);
  log(`  boards whose hidden and visible counts were held to the core: ${r.boardsCounted}`);
  log(`  leaks: ${r.leaks.length}`);
  for (const l of r.leaks.slice(0, 40)) log(`  ${l.kind}: ${l.op} as ${l.caller}: ${l.what}\n    ${l.curl}`);
  if (r.leaks.length > 40) log(`  … and ${r.leaks.length - 40} more`);
}
