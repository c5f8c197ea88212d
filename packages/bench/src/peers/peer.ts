// What a peer must do to be compared with Tandem on the same facts: answer the sampled checks (may the user see the
// contact, may they read its history) and give the same list pages. The runner measures both and fails the run when
// any answer differs from Tandem's, showing the reference reading beside it to tell who is wrong.
import { metric, progress, summarize, timeSeq, type Metric } from '../stats.ts';
import type { ListAnswer } from '../tandem-api.ts';
import type { CheckCase, TestUser } from '../users.ts';
import { answerOf, viewOf, type Answer, type PageSpec, type World } from '../world.ts';

export type Peer = {
  name: string;
  /** What this peer's figures are multiples of: 'db' (a primary-key read) or 'map' (in process). */
  floor: 'db' | 'map';
  /** Both answers for the comparison; with `historyOnly` just the history check, as Tandem's timed check does. */
  check: (user: TestUser, contactId: string, historyOnly?: boolean) => Promise<Answer>;
  page: (user: TestUser, spec: PageSpec) => Promise<string[]>;
  /** The org's share-all switch, for the member who sees all (peers that build per user need not have it). */
  setShareAll?: (on: boolean) => Promise<void>;
  close: () => Promise<void>;
  notes: string[];
  setupMs: number;
};

export type PeerRun = { metrics: Metric[]; disagreements: string[]; compared: number };

export type PeerBudget = { checks: number; lists: number; maxMs: number };

async function withSwitch<T>(peer: Peer, on: boolean, work: () => Promise<T>): Promise<T> {
  if (!on || !peer.setShareAll) return work();
  await peer.setShareAll(true);
  try {
    return await work();
  } finally {
    await peer.setShareAll(false);
  }
}

export async function runPeer(peer: Peer, world: World, now: number, cases: readonly CheckCase[], tandem: readonly Answer[], lists: readonly ListAnswer[], budget: PeerBudget): Promise<PeerRun> {
  const disagreements: string[] = [];
  let compared = 0;
  progress(`peer ${peer.name}: comparing ${cases.length} checks and ${lists.filter((l) => l.path).length} list pages with Tandem's answers`);
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i] as CheckCase;
    const got = await peer.check(c.user, c.contactId);
    const want = tandem[i] as Answer;
    compared += 1;
    if (got.view !== want.view || got.history !== want.history) {
      const ref = answerOf(world, viewOf(world, c.user.id, now, c.user.shareAll), c.contactId);
      disagreements.push(`${peer.name} check ${c.user.key} ${c.contactId}: ${JSON.stringify(got)}; Tandem ${JSON.stringify(want)}; reference ${JSON.stringify(ref)}`);
    }
  }
  for (const l of lists) {
    if (!l.path || !l.spec) continue;
    const spec = l.spec;
    const got = (await withSwitch(peer, l.case.user.shareAll, () => peer.page(l.case.user, spec))).slice(0, 50);
    compared += 1;
    if (got.join() !== l.ids.join()) {
      disagreements.push(`${peer.name} list ${l.case.user.key} ${l.case.label}: ${got.length} rows, Tandem ${l.ids.length}; first difference at row ${got.findIndex((id, k) => id !== l.ids[k])}`);
    }
  }
  const k = cases.length;
  const metrics: Metric[] = [];
  const floor = peer.floor === 'db' ? 'pg' : 'map';
  const checks = await timeSeq({ n: budget.checks, maxMs: budget.maxMs }, (i) => peer.check((cases[i % k] as CheckCase).user, (cases[i % k] as CheckCase).contactId, true));
  metrics.push(metric('peers', peer.name, 'check: may read history', summarize(checks.us), { rate: Math.round(checks.rate), floor }));
  for (const l of lists) {
    const name = `list ${l.case.label}, ${l.case.user.key} (sees ${l.case.user.visible})`;
    if (!l.path || !l.spec) continue;
    const spec = l.spec;
    const t = await withSwitch(peer, l.case.user.shareAll, () => timeSeq({ n: budget.lists, maxMs: budget.maxMs }, () => peer.page(l.case.user, spec)));
    metrics.push(metric('peers', peer.name, name, summarize(t.us), { rate: Math.round(t.rate), floor }));
  }
  metrics.push({ ...metric('peers', peer.name, 'setup: load the same facts', summarize([peer.setupMs * 1000])), note: peer.notes.join('; ') });
  progress(`peer ${peer.name}: ${disagreements.length === 0 ? 'every answer equal to Tandem\'s' : `${disagreements.length} DIFFERENT answers`}`);
  return { metrics, disagreements, compared };
}
