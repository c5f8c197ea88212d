// A server keeps each session's grants and bucket shares between requests and asks the database for them again only
// when the org's access version has moved (storage/load-actor-context.ts, migration 0005, docs/decisions.md D19).
// Every change below is written straight to the database, as another server (or psql) would, never through this
// app: the very next request must already answer with it (goal G6). Both databases.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadSessionActor } from '../../src/storage/load-actor-context.ts';
import { hashToken } from '../../src/domain/accounts/session-token.ts';
import { useTestApp } from './support/test-app.ts';

const WORLD = {
  users: { ada: { role: 'admin' }, ben: {}, cat: {} },
  teams: { sales: { members: ['cat'] } },
  contacts: { zoe: { owner: 'cat' } },
  buckets: { keys: { owner: 'cat', contacts: ['zoe'] } },
} as const;

describe.each(['pglite', 'postgres'] as const)('kept facts on %s', (db) => {
  const t = useTestApp({ db });
  const see = async (w: { contacts: { zoe: string }; users: { ben: { token: string } } }) =>
    (await t.api.contacts.get(w.contacts.zoe, { as: w.users.ben.token })).status;

  it('reads the facts once while nothing changes, and again once the version moves', async () => {
    const w = await t.world(WORLD);
    const hash = hashToken(w.users.ben.token);
    const first = await loadSessionActor(t.db, hash, t.clock.now());
    const second = await loadSessionActor(t.db, hash, t.clock.now());
    // Kept: the very same arrays, not a new reading of equal rows.
    expect(second?.ctx.bucketShares).toBe(first?.ctx.bucketShares);
    expect(second?.ctx.userGrants).toBe(first?.ctx.userGrants);
    await w.add({ bucketShares: [{ bucket: 'keys', user: 'ben', level: 'view' }] });
    const third = await loadSessionActor(t.db, hash, t.clock.now());
    expect(third?.ctx.bucketShares).not.toBe(first?.ctx.bucketShares);
    expect(third?.ctx.bucketShares.map((s) => s.bucketId)).toEqual([w.buckets.keys]);
  });

  it('sees a grant, a bucket share, a team membership and a share-all switch written elsewhere, and their removal', async () => {
    const w = await t.world(WORLD);
    expect(await see(w)).toBe(404);

    const { grants: [grant] } = await w.add({ grants: [{ user: 'ben', owner: 'cat', level: 'view' }] });
    expect(await see(w)).toBe(200);
    await sql`DELETE FROM user_grants WHERE id = ${grant}`.execute(t.db);
    expect(await see(w)).toBe(404);

    const { bucketShares: [share] } = await w.add({ bucketShares: [{ bucket: 'keys', team: 'sales', level: 'view' }] });
    expect(await see(w)).toBe(404);
    await sql`INSERT INTO team_members (org_id, team_id, user_id) VALUES (${w.orgId}, ${w.teams.sales}, ${w.users.ben.id})`.execute(t.db);
    expect(await see(w)).toBe(200);
    await sql`DELETE FROM team_members WHERE team_id = ${w.teams.sales} AND user_id = ${w.users.ben.id}`.execute(t.db);
    expect(await see(w)).toBe(404);
    await sql`DELETE FROM bucket_shares WHERE id = ${share}`.execute(t.db);

    await sql`UPDATE orgs SET share_all_contacts = true WHERE id = ${w.orgId}`.execute(t.db);
    expect(await see(w)).toBe(200);
    await sql`UPDATE orgs SET share_all_contacts = false WHERE id = ${w.orgId}`.execute(t.db);
    expect(await see(w)).toBe(404);
  });

  it('sees a grant window moved elsewhere, and a deactivation', async () => {
    const w = await t.world(WORLD);
    const { grants: [grant] } = await w.add({ grants: [{ user: 'ben', owner: 'cat', level: 'view' }] });
    expect(await see(w)).toBe(200);
    await sql`UPDATE user_grants SET expires_at = ${new Date(t.clock.now() - 1000)} WHERE id = ${grant}`.execute(t.db);
    expect(await see(w)).toBe(404);
    await sql`UPDATE user_grants SET expires_at = NULL WHERE id = ${grant}`.execute(t.db);
    expect(await see(w)).toBe(200);
    await sql`UPDATE users SET status = 'deactivated' WHERE id = ${w.users.ben.id}`.execute(t.db);
    expect(await see(w)).toBe(401);
  });

  it('a grant that ends by the clock ends without any write (windows are judged at each request)', async () => {
    const w = await t.world(WORLD);
    await w.add({ grants: [{ user: 'ben', owner: 'cat', level: 'view', expiresAt: t.clock.now() + 60_000 }] });
    expect(await see(w)).toBe(200);
    t.clock.advance(60_000);
    expect(await see(w)).toBe(404);
  });

  it('a name or password change does not move the version; a role change does', async () => {
    const w = await t.world(WORLD);
    const version = async () => Number((await sql<{ v: string }>`SELECT COALESCE((SELECT version FROM access_versions WHERE org_id = ${w.orgId}), 1) AS v`.execute(t.db)).rows[0]?.v);
    const before = await version();
    await sql`UPDATE users SET name = 'Benjamin' WHERE id = ${w.users.ben.id}`.execute(t.db);
    expect(await version()).toBe(before);
    await sql`UPDATE users SET role = 'admin' WHERE id = ${w.users.ben.id}`.execute(t.db);
    expect(await version()).toBe(before + 1);
    expect(await see(w)).toBe(200);
  });
});
