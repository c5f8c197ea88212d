// The database keeps microseconds; the core works in milliseconds. A share bound stored with sub-millisecond
// precision (written by SQL now(), an import, or an ISO string with six decimals) must be judged the same by the
// compiled SQL filter and by `decide` on the facts the storage layer loads.
import { compileFilter, CONTACT_ACTIONS, decide, policyCondition } from '@tandem/core';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Db } from '../../src/storage/connect.ts';
import { loadContacts } from '../../src/storage/contact-queries.ts';
import { loadActorContext } from '../../src/storage/load-actor-context.ts';
import { CONTACTS, renderCondition } from '../../src/storage/render-filter.ts';
import { clearWorld, ID_KIND, insertWorld, worldId, type World } from '../fixtures/world.ts';

const NOW = Date.UTC(2025, 5, 4, 12, 0, 0, 123);
const ORG = worldId(ID_KIND.org, 0);
const OWNER = worldId(ID_KIND.user, 0);
const GRANTEE = worldId(ID_KIND.user, 1);
const contact = (n: number) => worldId(ID_KIND.contact, n);

/** Four contacts, each shared with the grantee with one bound 0.4 ms before or after now. */
const BOUNDS: { n: number; column: 'starts_at' | 'expires_at'; micros: string }[] = [
  { n: 0, column: 'starts_at', micros: '2025-06-04T12:00:00.123400Z' },
  { n: 1, column: 'starts_at', micros: '2025-06-04T12:00:00.122600Z' },
  { n: 2, column: 'expires_at', micros: '2025-06-04T12:00:00.123400Z' },
  { n: 3, column: 'expires_at', micros: '2025-06-04T12:00:00.122600Z' },
];

function world(): World {
  return {
    now: NOW,
    orgs: [{ id: ORG, name: 'Acme', exportEnabled: false, shareAllContacts: false, membersCanArchiveDeleteShared: false }],
    users: [
      { id: OWNER, orgId: ORG, name: 'Ann', role: 'member', status: 'active', exportChannels: [] },
      { id: GRANTEE, orgId: ORG, name: 'Bob', role: 'member', status: 'active', exportChannels: [] },
    ],
    teams: [],
    contacts: BOUNDS.map(({ n }) => ({ id: contact(n), orgId: ORG, ownerId: OWNER, name: `Contact ${n}`, emails: [], state: 'active' as const })),
    shares: BOUNDS.map(({ n }) => ({
      id: worldId(ID_KIND.share, n), orgId: ORG, contactId: contact(n), grantee: { userId: GRANTEE }, level: 'edit' as const,
      startsAt: null, expiresAt: null, createdBy: OWNER,
    })),
    grants: [], buckets: [], bucketShares: [],
  };
}

/**
 * Writes the four-contact world with sub-millisecond bounds, then compares SQL and `decide` for every action.
 * Both judge a bound at its millisecond: a start 0.4 ms after now has begun, an expiry 0.4 ms after now has passed.
 * Returns the number of comparisons made.
 */
export async function checkSubMillisecondBounds(db: Db): Promise<number> {
  await clearWorld(db);
  await insertWorld(db, world());
  for (const { n, column, micros } of BOUNDS) {
    await sql`UPDATE contact_shares SET ${sql.ref(column)} = ${micros}::timestamptz WHERE id = ${worldId(ID_KIND.share, n)}`.execute(db);
  }
  const ctx = await loadActorContext(db, ORG, GRANTEE, NOW);
  if (!ctx) throw new Error('no context');
  const ids = BOUNDS.map(({ n }) => contact(n));
  const loaded = await loadContacts(db, ctx, ids);
  let comparisons = 0;
  for (const action of CONTACT_ACTIONS) {
    const { rows } = await sql<{ id: string }>`SELECT c.id FROM contacts c
      WHERE ${renderCondition(policyCondition(ctx, compileFilter(ctx, action)), CONTACTS)}`.execute(db);
    const bySql = new Set(rows.map((r) => r.id));
    for (const id of ids) {
      const facts = loaded.get(id)?.facts;
      if (!facts) throw new Error(`not loaded: ${id}`);
      expect(bySql.has(id), `${action} on ${id}`).toBe(decide(ctx, action, facts).allowed);
      comparisons += 1;
    }
    if (action === 'contact.view') expect([...bySql].sort()).toEqual([contact(0), contact(1)]);
  }
  return comparisons;
}
