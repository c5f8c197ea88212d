// The short run of the freshness probe across two nodes, part of `npm test` (issue 14 item 4, docs/decisions.md D48):
// two server processes on one fresh PostgreSQL database, every kind of change made on node A and read at once on
// node B with a session B has used: no stale answer either way. The full run is `npm run probe:nodes`
// (docs/reliability.md "Many nodes"). The judge is checked too, so a probe that could not see a stale answer fails.
import { describe, expect, it } from 'vitest';
import { freshPostgresUrl } from '../../../server/test/support/databases.ts';
// The run's PostgreSQL is provided by the test run's global setup; its typing of `inject('postgresUrl')` lives there.
import type {} from '../../../server/test/support/global-setup.ts';
import { NODE_KINDS } from './nodes-kinds.ts';
import { runNodes, trialOrder, verdictOf } from './nodes.ts';

const TRIALS = Number(process.env.TANDEM_PROBE_NODE_TRIALS ?? 160);

describe('freshness across two nodes on one PostgreSQL, short run', () => {
  it(`${TRIALS} changes on node A, each read at once on node B: no stale answer`, async () => {
    const report = await runNodes({ databaseUrl: await freshPostgresUrl(), trials: TRIALS, seed: 20_261_130 });
    expect(report.errors).toEqual([]);
    expect(report.stale.map((s) => `${s.kind} (${s.read}) after the ${s.after}: ${s.status} ${s.body}`)).toEqual([]);
    expect(report.trials).toBe(TRIALS);
    for (const kind of NODE_KINDS) expect(report.byKind[kind].trials, kind).toBeGreaterThanOrEqual(Math.floor(TRIALS / NODE_KINDS.length));
    expect(report.readsByKind.get).toBeGreaterThan(0);
    expect(report.readsByKind.list).toBeGreaterThan(0);
    expect(report.readsByKind.export).toBeGreaterThan(0);
  }, 240_000);

  it('the judge tells an allowing answer from a refusing one, for a contact, a list and an export', () => {
    const id = '5f0c6a43-5b8e-4a4e-9d43-0b1e9e6c3a11';
    expect(verdictOf('get', { status: 200, text: '{}' }, id)).toBe('allowed');
    expect(verdictOf('get', { status: 404, text: '{}' }, id)).toBe('refused');
    expect(verdictOf('get', { status: 401, text: '{}' }, id)).toBe('refused');
    expect(verdictOf('get', { status: 500, text: '{}' }, id)).toBe('error');
    expect(verdictOf('list', { status: 200, text: JSON.stringify({ items: [{ id }], nextCursor: null }) }, id)).toBe('allowed');
    expect(verdictOf('list', { status: 200, text: JSON.stringify({ items: [{ id: 'other' }], nextCursor: null }) }, id)).toBe('refused');
    expect(verdictOf('export', { status: 200, text: 'name\n' }, '')).toBe('allowed');
    expect(verdictOf('export', { status: 403, text: '{"code":"TANDEM_EXPORT_DISABLED"}' }, '')).toBe('refused');
    expect(verdictOf('export', { status: 403, text: '{"code":"TANDEM_EXPORT_CHANNEL_BLOCKED"}' }, '')).toBe('error');
    const order = trialOrder(80, 1);
    for (const kind of NODE_KINDS) expect(order.filter((k) => k === kind)).toHaveLength(10);
    expect(trialOrder(80, 1)).toEqual(order);
  });
});
