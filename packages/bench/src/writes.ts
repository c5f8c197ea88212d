// G6 and G7 through the API: an admin shares, revokes, grants, shares a bucket and flips share-all on one
// connection; the very next check and list of the narrow member, on another connection, must already agree (a
// stale answer is counted, never retried). A share that expires in 1.5 s must stop answering within a second of its
// end. Each write is timed (G7), and so is handing the top owner's whole book to a new user and back. Every change
// is undone before the end, so the seeded data stays as seeded.
import { listPath, type Api, type ContactPage } from './http.ts';
import { historyPath } from './tandem-api.ts';
import { metric, progress, prng, single, sleep, summarize, type Metric } from './stats.ts';
import type { TestUser } from './users.ts';
import { levelOf, viewOf, type WContact, type World } from './world.ts';

type Ctx = { writer: Api; reader: Api; admin: string; narrow: string; narrowUser: TestUser; world: World; now: number };

export type WriteResult = { metrics: Metric[]; stale: string[] };

/**
 * The narrow member's check on `c` and whether their list, searched by `c`'s whole name, shows it. The search follows
 * the pages: at 1 M a name is shared by a hundred contacts, so with share-all on `c` may be past the first page.
 */
async function sees(ctx: Ctx, c: WContact): Promise<{ check: boolean; list: boolean }> {
  const check = await ctx.reader.get(historyPath(c.id), ctx.narrow);
  let cursor: string | null = null;
  for (let page = 0; page < 200; page++) {
    const list: { json: ContactPage } = await ctx.reader.must<ContactPage>('GET', listPath(c.sortName, cursor), ctx.narrow, undefined, [200]);
    if (list.json.items.some((i) => i.id === c.id)) return { check: check.status === 200, list: true };
    cursor = list.json.nextCursor;
    if (!cursor) break;
  }
  return { check: check.status === 200, list: false };
}

/** Probes right after a committed write; records each stale answer. */
async function expect(ctx: Ctx, c: WContact, visible: boolean, what: string, stale: string[]): Promise<number> {
  const got = await sees(ctx, c);
  if (got.check !== visible) stale.push(`${what}: check answered ${got.check ? 'allowed' : 'denied'}`);
  if (got.list !== visible) stale.push(`${what}: list ${got.list ? 'showed' : 'missed'} the contact`);
  return 2;
}

export async function measureWrites(ctx: Ctx, reps: number): Promise<WriteResult> {
  const { world, writer, admin, narrowUser } = ctx;
  const v = viewOf(world, narrowUser.id, ctx.now, false);
  const rand = prng(99);
  const hidden = world.contacts.filter((c) => c.state === 'active' && c.ownerId !== narrowUser.id && levelOf(world, v, c) === 0);
  const buckets = [...world.contactsOfBucket.keys()].filter((b) => !v.bucketLevels.has(b));
  const times = new Map<string, number[]>();
  const timed = async <T>(kind: string, op: () => Promise<{ json: T; us: number }>): Promise<T> => {
    const r = await op();
    times.set(kind, [...(times.get(kind) ?? []), r.us]);
    return r.json;
  };
  const stale: string[] = [];
  let probes = 0;
  const N = { userId: narrowUser.id };
  for (let r = 0; r < reps; r++) {
    const c = hidden[Math.floor(rand() * hidden.length)] as WContact;
    const share = await timed<{ share: { id: string } }>('share a contact', () => writer.must('POST', `/api/v1/contacts/${c.id}/shares`, admin, { grantee: N, level: 'view' }));
    probes += await expect(ctx, c, true, 'after a share', stale);
    await timed('revoke a share', () => writer.must('DELETE', `/api/v1/contacts/${c.id}/shares/${share.share.id}`, admin, undefined));
    probes += await expect(ctx, c, false, 'after a revoke', stale);
    const grant = await timed<{ grant: { id: string } }>('grant a user\'s contacts', () => writer.must('POST', `/api/v1/users/${c.ownerId}/grants`, admin, { grantee: N, scope: 'contacts', level: 'view' }));
    probes += await expect(ctx, c, true, 'after a user grant', stale);
    await timed('revoke a user grant', () => writer.must('DELETE', `/api/v1/grants/${grant.grant.id}`, admin, undefined));
    probes += await expect(ctx, c, false, 'after a grant revoke', stale);
    const bucket = buckets[r % Math.max(1, buckets.length)];
    const inBucket = bucket ? (world.contactsOfBucket.get(bucket) ?? []).map((id) => world.contactById.get(id) as WContact).find((x) => hidden.includes(x)) : undefined;
    if (bucket && inBucket) {
      const bs = await timed<{ share: { id: string } }>('share a bucket', () => writer.must('POST', `/api/v1/buckets/${bucket}/shares`, admin, { grantee: N, level: 'view' }));
      probes += await expect(ctx, inBucket, true, 'after a bucket share', stale);
      await timed('revoke a bucket share', () => writer.must('DELETE', `/api/v1/buckets/${bucket}/shares/${bs.share.id}`, admin, undefined));
      probes += await expect(ctx, inBucket, false, 'after a bucket revoke', stale);
    }
    await timed('switch share-all', () => writer.must('PATCH', '/api/v1/org/settings', admin, { shareAllContacts: true }));
    const seen = await sees(ctx, c);
    probes += 2;
    if (!seen.list) stale.push('after share-all on: list missed the contact');
    const profile = await ctx.reader.get(`/api/v1/contacts/${c.id}`, ctx.narrow);
    if (profile.status !== 200) stale.push('after share-all on: GET /contacts/:id did not answer 200');
    await timed('switch share-all', () => writer.must('PATCH', '/api/v1/org/settings', admin, { shareAllContacts: false }));
    probes += await expect(ctx, c, false, 'after share-all off', stale);
  }
  progress(`G6: ${probes} probes after writes, ${stale.length} stale`);
  const expiry = await measureExpiry(ctx, hidden[0] as WContact, Math.min(3, reps));
  const book = await measureReassign(ctx, Math.min(3, reps));
  const metrics: Metric[] = [
    { ...single('G6', 'tandem', 'stale answers after share, revoke, grant, bucket share, switch', 'count', stale.length), n: probes, errors: stale.length },
    ...expiry,
  ];
  for (const [kind, us] of times) metrics.push(metric('G7', 'tandem', `write: ${kind}`, summarize(us), { floor: 'hello' }));
  metrics.push(...book);
  return { metrics, stale };
}

/** A share that ends 1.5 s from now: how long after its end the check still allowed (polled every 20 ms). */
async function measureExpiry(ctx: Ctx, c: WContact, reps: number): Promise<Metric[]> {
  const lags: number[] = [];
  let late = 0;
  for (let r = 0; r < reps; r++) {
    const ends = Date.now() + 1_500;
    const { json } = await ctx.writer.must<{ share: { id: string } }>('POST', `/api/v1/contacts/${c.id}/shares`, ctx.admin,
      { grantee: { userId: ctx.narrowUser.id }, level: 'view', expiresAt: new Date(ends).toISOString() });
    let lastAllowed = 0;
    while (Date.now() < ends + 3_000) {
      const at = Date.now();
      const res = await ctx.reader.get(historyPath(c.id), ctx.narrow);
      if (res.status === 200) lastAllowed = at;
      else if (at >= ends) break;
      await sleep(20);
    }
    lags.push((lastAllowed - ends) * 1000);
    if (lastAllowed - ends > 1_000) late += 1;
    const left = await ctx.writer.call('DELETE', `/api/v1/contacts/${c.id}/shares/${json.share.id}`, ctx.admin);
    if (![204, 404, 403].includes(left.status)) throw new Error(`could not remove the expired share: ${left.status}`);
  }
  return [metric('G6', 'tandem', 'time-limited share: last allowed check after its end (negative: stopped on time)', summarize(lags), { errors: late, note: 'errors = answers allowed more than 1 s after the end' })];
}

/** Hands the top owner's book to a new user and back: one UPDATE each, timed through the API. */
async function measureReassign(ctx: Ctx, reps: number): Promise<Metric[]> {
  const owners = new Map<string, number>();
  for (const c of ctx.world.contacts) owners.set(c.ownerId, (owners.get(c.ownerId) ?? 0) + 1);
  const [top, size] = [...owners].sort((a, b) => b[1] - a[1])[0] as [string, number];
  const email = `bench-book-${Date.now()}@bench.example`;
  const { json } = await ctx.writer.must<{ user: { id: string } }>('POST', '/api/v1/users', ctx.admin, { name: 'Bench Book Holder', email, password: 'tandem-bench-book', role: 'member' });
  const there: number[] = [];
  const back: number[] = [];
  for (let r = 0; r < reps; r++) {
    there.push((await ctx.writer.must('POST', `/api/v1/users/${top}/reassign-contacts`, ctx.admin, { toUserId: json.user.id })).us);
    back.push((await ctx.writer.must('POST', `/api/v1/users/${json.user.id}/reassign-contacts`, ctx.admin, { toUserId: top })).us);
  }
  await ctx.writer.call('PATCH', `/api/v1/users/${json.user.id}`, ctx.admin, { status: 'deactivated' });
  return [metric('G7', 'tandem', `reassign a book of ${size} contacts`, summarize([...there, ...back]), { floor: 'hello', note: 'to a new user and back' })];
}
