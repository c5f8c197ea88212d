// The short runs of both probes, part of `npm test` (issue 14 item 6), on PGlite: a few hundred fuzz cases over every
// operation of the OpenAPI document with no 5xx, no refusal outside the error catalog and no partial write; a couple
// of thousand isolation requests with no leak. The full runs are `npm run probe:fuzz` and `npm run probe:isolation`
// (docs/reliability.md). The judge's own parts are checked too, so a probe that could not see a leak would fail here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFuzz, problemFault } from './fuzz.ts';
import { leakedWords, normalized, viewOf } from './isolation-judge.ts';
import { buildIsolationWorld } from './isolation-world.ts';
import { runIsolation } from './isolation.ts';
import { startTarget, type Target } from './target.ts';

// Timeouts are generous: on 2 shared cores under the full suite a run may take three times its idle time.
const FUZZ_CASES = Number(process.env.TANDEM_PROBE_FUZZ_CASES ?? 600);
const ISOLATION_REQUESTS = Number(process.env.TANDEM_PROBE_ISOLATION_REQUESTS ?? 2_000);

describe('probes, short runs on PGlite', () => {
  let target: Target;
  beforeAll(async () => {
    target = await startTarget('pglite');
  });
  afterAll(async () => {
    await target.close();
  });

  it(`fuzz: ${FUZZ_CASES} hostile requests over every operation answer no 5xx, only catalogued problems, and write nothing when refused`, async () => {
    const report = await runFuzz({ db: 'pglite', cases: FUZZ_CASES, seed: 20_261_130, checkEvery: 1 }, target);
    expect(report.findings.map((f) => `${f.kind} ${f.status} ${f.op}: ${f.what}\n${f.curl}`)).toEqual([]);
    expect(report.cases).toBe(FUZZ_CASES);
    expect(report.operationsHit).toBeGreaterThan(report.operations * 0.9);
    expect(report.writesChecked).toBeGreaterThan(FUZZ_CASES / 4);
    const refused = Object.entries(report.byStatus).filter(([s]) => Number(s) >= 400).reduce((n, [, c]) => n + c, 0);
    expect(refused).toBeGreaterThan(FUZZ_CASES / 2);
  }, 180_000);

  it(`isolation: ${ISOLATION_REQUESTS} requests across both orgs and every role reveal nothing hidden`, async () => {
    const report = await runIsolation({ db: 'pglite', requests: ISOLATION_REQUESTS, seed: 20_261_130 }, target);
    expect(report.leaks.map((l) => `${l.kind}: ${l.op} as ${l.caller}: ${l.what}\n${l.curl}`)).toEqual([]);
    expect(report.requests).toBeGreaterThanOrEqual(ISOLATION_REQUESTS);
    expect(report.hiddenTargets).toBeGreaterThan(ISOLATION_REQUESTS / 10);
    expect(Object.keys(report.byOperation).length).toBeGreaterThan(report.operations * 0.8);
  }, 180_000);

  it('the judge hides what the core hides, and sees a leaked word or a hidden answer that differs from a missing one', async () => {
    const world = await buildIsolationWorld(target);
    const cat = world.callers.find((c) => c.key === 'cat');
    const gus = world.callers.find((c) => c.key === 'gus');
    if (!cat || !gus) throw new Error('no cat or gus');
    const view = await viewOf(target.db, world, cat, target.clock.now());
    // Acme's contacts in the world's order: b1 (Ben's, shared with Cat at view) … b5 (Ben's alone).
    const contact = (i: number) => world.records.filter((r) => r.kind === 'contact' && r.orgId === world.orgs.acme)[i] as { id: string; name: string };
    const b1 = contact(0);
    const b5 = contact(4);
    expect(view.hidden.has(b1.id)).toBe(false); // shared with Cat at view
    expect(view.hidden.has(b5.id)).toBe(true); // Ben's alone
    expect(view.hidden.has(world.orgs.globex)).toBe(true);
    expect(leakedWords(view, JSON.stringify({ items: [{ name: b5.name }] }), []).map((s) => s.record.id)).toEqual([b5.id]);
    expect(leakedWords(view, JSON.stringify({ items: [{ name: b1.name }] }), [])).toEqual([]);
    expect(leakedWords(view, `{"detail":"${b5.id}"}`, [b5.id])).toEqual([]); // the request's own words are no leak
    expect(normalized(404, `{"detail":"no ${b5.id}"}`, [b5.id])).toBe(normalized(404, '{"detail":"no 00000000-0000-4000-8000-000000000000"}', ['00000000-0000-4000-8000-000000000000']));
    expect(normalized(404, '{"code":"A"}', [])).not.toBe(normalized(403, '{"code":"A"}', []));
    const gusView = await viewOf(target.db, world, gus, target.clock.now());
    expect(gusView.hidden.has(b1.id)).toBe(true);
    expect(problemFault({ status: 500, type: 'application/json', body: {}, text: '{}' })).not.toBeNull();
    expect(problemFault({ status: 404, type: 'application/problem+json', body: { type: 't', title: 't', status: 404, detail: 'd', code: 'TANDEM_NOT_FOUND' }, text: '' })).toBeNull();
  });
});
