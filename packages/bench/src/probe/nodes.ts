// The freshness probe (issue 14 item 4, docs/decisions.md D48): two server processes on one PostgreSQL; each trial
// takes an access away on node A (revoke a record share, a user grant or a bucket share, let a share expire, switch
// export off, remove the user from the team that held a share, deactivate the user, make an admin a member), then at
// once reads on node B with the subject's session, which B has used before (B keeps its facts, D19); then gives the
// access back on A and reads on B again. A stale answer is B still allowing after the change, or still refusing
// after the way back. Run by `npm run probe:nodes` (nodes-main.ts) and, short, by nodes-short.test.ts.
import { openSession } from '../../../server/src/domain/accounts/open-session.ts';
import { openDatabase } from '../../../server/src/storage/connect.ts';
import { Api, type Reply } from '../http.ts';
import { summarize, type Summary } from '../stats.ts';
import { startTwoNodes } from './nodes-cluster.ts';
import { kindPlans, NODE_KINDS, type KindPlan, type NodeKind, type ReadKind } from './nodes-kinds.ts';
import { buildNodesWorld, type Subject } from './nodes-world.ts';

export type NodesOptions = { databaseUrl: string; trials: number; seed: number; label?: string };
export type Verdict = 'allowed' | 'refused' | 'error';
export type Stale = { trial: number; kind: NodeKind; after: 'change' | 'way back'; read: ReadKind; status: number; body: string };
export type KindFigures = { trials: number; stale: number; write: Summary; read: Summary };
export type NodesReport = {
  trials: number; stale: Stale[]; errors: string[]; byKind: Record<NodeKind, KindFigures>; readsByKind: Record<ReadKind, number>;
  seconds: number; setupSeconds: number;
};

/** What node B's answer says about the subject's access to its contact (or to export). */
export function verdictOf(read: ReadKind, reply: Pick<Reply, 'status' | 'text'>, contactId: string): Verdict {
  if ([401, 403, 404].includes(reply.status)) return read === 'export' && reply.status === 403 && !reply.text.includes('TANDEM_EXPORT_DISABLED') ? 'error' : 'refused';
  if (reply.status !== 200) return 'error';
  if (read !== 'list') return 'allowed';
  const items = (JSON.parse(reply.text) as { items?: { id: string }[] }).items;
  if (!Array.isArray(items)) return 'error';
  return items.some((item) => item.id === contactId) ? 'allowed' : 'refused';
}

function readPath(read: ReadKind, subject: Subject): string {
  if (read === 'export') return '/api/v1/contacts/export?format=csv';
  if (read === 'get') return `/api/v1/contacts/${subject.contactId}`;
  return `/api/v1/contacts?limit=50&q=${encodeURIComponent(subject.contactName)}`;
}

/** A small seeded generator (mulberry32): the same seed gives the same order of kinds. */
function random(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `trials` kinds, as evenly spread as the count allows, in a seeded random order. */
export function trialOrder(trials: number, seed: number): NodeKind[] {
  const order = Array.from({ length: trials }, (_, i) => NODE_KINDS[i % NODE_KINDS.length] as NodeKind);
  const next = random(seed);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j] as NodeKind, order[i] as NodeKind];
  }
  return order;
}

export async function runNodes(options: NodesOptions, log: (line: string) => void = () => {}): Promise<NodesReport> {
  const started = performance.now();
  const nodes = await startTwoNodes(options.databaseUrl);
  const nodesSeconds = (performance.now() - started) / 1000;
  // The probe's own connection: only to open sessions as a sign-in does (signing in through the API spends an argon2
  // hash each time, and sign-in throttling would count the hundreds a reactivated user needs).
  const handle = openDatabase({ kind: 'postgres', url: options.databaseUrl, poolSize: 1 });
  const a = new Api(nodes.a.base);
  const b = new Api(nodes.b.base);
  try {
    const session = async (orgId: string, userId: string) => (await openSession(handle.db, orgId, userId, Date.now())).token;
    const world = await buildNodesWorld(a, options.label ?? `n${options.seed}`, session);
    const { plans, open } = kindPlans(world, (subject) => session(world.orgId, subject.userId));
    await open(a);
    const stale: Stale[] = [];
    const errors: string[] = [];
    const samples = new Map<NodeKind, { write: number[]; read: number[] }>(NODE_KINDS.map((k) => [k, { write: [], read: [] }]));
    const readsByKind: Record<ReadKind, number> = { get: 0, list: 0, export: 0 };
    const byPlan = new Map<NodeKind, KindPlan>(plans.map((p) => [p.kind, p]));

    const readOnB = async (trial: number, plan: KindPlan, read: ReadKind, want: Verdict, after: Stale['after']): Promise<number> => {
      const subject = world.subjects[plan.subject];
      const reply = await b.get(readPath(read, subject), subject.token);
      readsByKind[read] += 1;
      const got = verdictOf(read, reply, subject.contactId);
      if (got === 'error') errors.push(`trial ${trial} ${plan.kind} ${read} after the ${after}: ${reply.status} ${reply.text.slice(0, 200)}`);
      else if (got !== want) stale.push({ trial, kind: plan.kind, after, read, status: reply.status, body: reply.text.slice(0, 200) });
      return reply.us / 1000;
    };

    // Every subject's session is used on B before the first change, so B holds its facts from then on.
    for (const plan of plans) await readOnB(-1, plan, plan.reads[0] as ReadKind, 'allowed', 'way back');
    const setupSeconds = (performance.now() - started) / 1000;
    log(`two nodes on one PostgreSQL ready in ${nodesSeconds.toFixed(1)} s, the world in ${(setupSeconds - nodesSeconds).toFixed(1)} s more; ${options.trials} trials`);

    const order = trialOrder(options.trials, options.seed);
    for (const [trial, kind] of order.entries()) {
      const plan = byPlan.get(kind) as KindPlan;
      const read = plan.reads[Math.floor(trial / NODE_KINDS.length) % plan.reads.length] as ReadKind;
      const t0 = performance.now();
      await plan.revoke(a);
      const written = performance.now() - t0;
      const readMs = await readOnB(trial, plan, read, 'refused', 'change');
      await plan.restore(a, world);
      await readOnB(trial, plan, read, 'allowed', 'way back');
      const kept = samples.get(kind) as { write: number[]; read: number[] };
      kept.write.push(written);
      kept.read.push(readMs);
      if ((trial + 1) % 1000 === 0) log(`${trial + 1} trials, ${stale.length} stale, ${errors.length} errors`);
      if (errors.length > 20) break;
    }
    const byKind = Object.fromEntries(NODE_KINDS.map((k) => {
      const kept = samples.get(k) as { write: number[]; read: number[] };
      return [k, { trials: kept.write.length, stale: stale.filter((s) => s.kind === k).length, write: summarize(kept.write), read: summarize(kept.read) }];
    })) as Record<NodeKind, KindFigures>;
    return { trials: order.length, stale, errors, byKind, readsByKind, seconds: (performance.now() - started) / 1000, setupSeconds };
  } finally {
    a.close();
    b.close();
    await handle.close();
    await nodes.stop();
  }
}

const ms = (v: number | null) => (v === null || Number.isNaN(v) ? '-' : v.toFixed(1));

export function printNodesReport(r: NodesReport, log: (line: string) => void = console.log): void {
  log(`Freshness across two nodes on one PostgreSQL: ${r.trials} trials in ${r.seconds.toFixed(1)} s (setup ${r.setupSeconds.toFixed(1)} s)`);
  log(`reads on node B: ${r.readsByKind.get} get contact, ${r.readsByKind.list} list, ${r.readsByKind.export} export`);
  log('kind               trials  stale  write on A p50/p99/max ms   read on B p50/p99/max ms');
  for (const [kind, f] of Object.entries(r.byKind)) {
    log(`${kind.padEnd(18)} ${String(f.trials).padStart(6)} ${String(f.stale).padStart(6)}  ${`${ms(f.write.p50)} / ${ms(f.write.p99)} / ${ms(f.write.max)}`.padEnd(27)} ${ms(f.read.p50)} / ${ms(f.read.p99)} / ${ms(f.read.max)}`);
  }
  log(`stale answers: ${r.stale.length}; errors: ${r.errors.length}`);
  for (const s of r.stale.slice(0, 10)) log(`  STALE trial ${s.trial} ${s.kind} (${s.read}) after the ${s.after}: ${s.status} ${s.body}`);
  for (const e of r.errors.slice(0, 10)) log(`  ERROR ${e}`);
}
