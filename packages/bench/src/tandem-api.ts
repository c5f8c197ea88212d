// Tandem over its HTTP API: checks one at a time and under open-loop load (G2), the most it answers (G3), list pages
// for every test user (G4) and list pages under load (G5). Tandem's answers are kept: the peers must give the same.
import { listPath, type Api, type ContactPage } from './http.ts';
import { closedLoop, openLoop } from './load.ts';
import type { Spec } from './loadgen.ts';
import { metric, progress, summarize, timeSeq, type Metric } from './stats.ts';
import type { CheckCase, ListCase, TestUser } from './users.ts';
import { answerOf, levelOf, pageBy, viewOf, type Answer, type PageSpec, type World } from './world.ts';

export type Tokens = Map<string, string>;
export const checkPath = (id: string) => `/api/v1/contacts/${id}`;
export const historyPath = (id: string) => `/api/v1/contacts/${id}/history?limit=1`;

/** Tandem's answer to each sampled check, from the status codes; disagreements with the reference reading. */
export async function tandemAnswers(api: Api, tokens: Tokens, world: World, cases: readonly CheckCase[], now: number): Promise<{ answers: Answer[]; wrong: string[] }> {
  const answers: Answer[] = [];
  const wrong: string[] = [];
  for (const c of cases) {
    const token = tokens.get(c.user.id);
    const view = await api.get(checkPath(c.contactId), token);
    const history = await api.get(historyPath(c.contactId), token);
    for (const r of [view, history]) if (![200, 403, 404].includes(r.status)) throw new Error(`check answered ${r.status}: ${r.text.slice(0, 200)}`);
    const got = { view: view.status === 200, history: history.status === 200 };
    answers.push(got);
    const want = answerOf(world, viewOf(world, c.user.id, now, c.user.shareAll), c.contactId);
    if (got.view !== want.view || got.history !== want.history) wrong.push(`tandem ${c.user.key} ${c.contactId}: ${JSON.stringify(got)}, reference ${JSON.stringify(want)}`);
  }
  return { answers, wrong };
}

export async function measureChecks(api: Api, tokens: Tokens, cases: readonly CheckCase[], n: number): Promise<Metric[]> {
  const out: Metric[] = [];
  for (const [name, path] of [['check GET /contacts/:id, one at a time', checkPath], ['check GET /contacts/:id/history?limit=1, one at a time', historyPath]] as const) {
    progress(`G2: ${name} x ${n}`);
    await timeSeq({ n: Math.min(200, n) }, (i) => api.get(path((cases[i % cases.length] as CheckCase).contactId), tokens.get((cases[i % cases.length] as CheckCase).user.id)));
    const t = await timeSeq({ n }, (i) => api.get(path((cases[i % cases.length] as CheckCase).contactId), tokens.get((cases[i % cases.length] as CheckCase).user.id)));
    out.push(metric('G2', 'tandem', name, summarize(t.us), { rate: Math.round(t.rate), floor: 'hello' }));
  }
  return out;
}

export function checkSpecs(tokens: Tokens, cases: readonly CheckCase[]): Spec[] {
  return cases.map((c) => ({ path: historyPath(c.contactId), token: tokens.get(c.user.id) as string }));
}

export async function measureCheckLoad(base: string, tokens: Tokens, cases: readonly CheckCase[], rate: number, seconds: number, smoke: boolean): Promise<Metric[]> {
  const specs = checkSpecs(tokens, cases);
  const open = await openLoop({ section: 'G2', peer: 'tandem', name: `check history, open loop ${rate}/s`, base, specs, rate, seconds });
  const closed = await closedLoop('G3', 'tandem', 'check history, throughput (32 connections)', base, specs, smoke ? 2 : Math.min(10, seconds), 32);
  return [{ ...open, floor: 'helloOpen' }, { ...closed, floor: 'hello' }];
}

/** A list case resolved: the API path of its page, the ids Tandem answered, and the same page for the peers. */
export type ListAnswer = { case: ListCase; path: string | null; ids: string[]; spec: PageSpec | null; pages: number; note: string };

/**
 * Walks a user's list to page 100 (or as far as it goes), checking every row against the reference reading and each
 * page against the reference page.
 */
export async function resolveList(api: Api, token: string, world: World, c: ListCase, now: number): Promise<ListAnswer> {
  const view = viewOf(world, c.user.id, now, c.user.shareAll);
  let cursor: string | null = null;
  let spec: PageSpec = { q: c.q, after: null };
  for (let page = 1; ; page++) {
    const path = listPath(c.q, cursor);
    const { json } = await api.must<ContactPage>('GET', path, token, undefined, [200]);
    const ids = json.items.map((i) => i.id);
    const want = pageBy(world, spec, 50, (x) => levelOf(world, view, x) >= 1).slice(0, 50);
    if (ids.join() !== want.join()) {
      const extra = ids.filter((id) => !want.includes(id)).length;
      throw new Error(`Tandem's list ${c.user.key} ${c.label} page ${page} differs from the reference reading (${extra} rows not visible or out of order)`);
    }
    if (page === c.page) return { case: c, path, ids, spec, pages: page, note: '' };
    if (!json.nextCursor || ids.length === 0) return { case: c, path: null, ids: [], spec: null, pages: page, note: `only ${page} pages` };
    const last = world.contactById.get(ids[ids.length - 1] as string);
    if (!last) throw new Error(`list row ${ids[ids.length - 1]} is not a seeded contact`);
    cursor = json.nextCursor;
    spec = { q: c.q, after: { sortName: last.sortName, id: last.id } };
  }
}

export async function measureLists(api: Api, tokens: Tokens, answers: readonly ListAnswer[], n: number): Promise<Metric[]> {
  const out: Metric[] = [];
  for (const a of answers) {
    const name = `list ${a.case.label}, ${a.case.user.key} (sees ${a.case.user.visible})`;
    if (!a.path) {
      out.push({ ...metric('G4', 'tandem', name, summarize([])), note: `n/a: ${a.note}` });
      continue;
    }
    const path = a.path;
    const token = tokens.get(a.case.user.id);
    await timeSeq({ n: Math.max(3, Math.round(n / 10)) }, () => api.get(path, token));
    const t = await timeSeq({ n, maxMs: 30_000 }, () => api.get(path, token));
    out.push(metric('G4', 'tandem', name, summarize(t.us), { rate: Math.round(t.rate), floor: 'hello' }));
  }
  progress(`G4: ${answers.length} list pages measured, ${n} times each`);
  return out;
}

export async function measureListLoad(base: string, tokens: Tokens, users: readonly TestUser[], rate: number, seconds: number): Promise<Metric> {
  const specs: Spec[] = users.filter((u) => !u.shareAll).map((u) => ({ path: listPath(null, null), token: tokens.get(u.id) as string }));
  const m = await openLoop({ section: 'G5', peer: 'tandem', name: `list page 1, open loop ${rate}/s (test users in turn)`, base, specs, rate, seconds });
  return { ...m, floor: 'helloOpen' };
}
