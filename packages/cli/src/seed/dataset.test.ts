import { describe, expect, it } from 'vitest';
import { BUCKET_COUNT, BUCKET_MEMBER_BUCKETS, bucketSizeRange } from './buckets.ts';
import { buildDataset, type Dataset } from './dataset.ts';
import { narrowTarget, ownerCounts, planPeople } from './people.ts';
import { Rng } from './prng.ts';
import type {
  BucketContactRow, BucketShareRow, ContactRow, ContactShareRow, RowsByTable, SeedOptions, TableName, UserGrantRow,
} from './types.ts';

const NOW = Date.parse('2026-03-02T00:00:00Z');
const OPTIONS: SeedOptions = { contacts: 2_000, users: 50, seed: '42', shareAll: false, orgName: 'CRM-N test', messages: 2, now: NOW };

function materialise(ds: Dataset): Partial<Record<TableName, unknown[]>> {
  return Object.fromEntries(ds.phases.map((p) => [p.table, [...p.rows()]]));
}

function rowsOf<T extends TableName>(ds: Dataset, table: T): RowsByTable[T][] {
  const phase = ds.phases.find((p) => p.table === table);
  return phase ? ([...phase.rows()] as RowsByTable[T][]) : [];
}

describe('CRM-N generator', () => {
  const ds = buildDataset(OPTIONS, 'hash');
  const userIds = ds.people.users.map((u) => u.id);
  const idOf = (index: number) => userIds[index] as string;

  it('is deterministic: the same seed gives the same rows, another seed other rows', () => {
    const again = buildDataset(OPTIONS, 'hash');
    expect(again.orgId).toBe(ds.orgId);
    expect(materialise(again)).toEqual(materialise(ds));
    const other = buildDataset({ ...OPTIONS, seed: '43' }, 'hash');
    expect(rowsOf(other, 'contacts').slice(0, 20)).not.toEqual(rowsOf(ds, 'contacts').slice(0, 20));
  });

  it('keeps phases independent: history on or off does not move a contact', () => {
    const without = buildDataset({ ...OPTIONS, messages: 0 }, 'hash');
    expect(rowsOf(without, 'contacts')).toEqual(rowsOf(ds, 'contacts'));
    expect(rowsOf(without, 'contact_events')).toHaveLength(0);
    expect(rowsOf(ds, 'contact_events')).toHaveLength(OPTIONS.contacts * OPTIONS.messages);
  });

  it('declares exact totals and unique, well-formed ids', () => {
    for (const phase of ds.phases) expect([...phase.rows()].length, phase.label).toBe(phase.total);
    const contacts = rowsOf(ds, 'contacts');
    expect(new Set(contacts.map((c) => c.id)).size).toBe(OPTIONS.contacts);
    for (const c of contacts.slice(0, 50)) expect(c.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('has 2 % admins and teams of 3 to 30', () => {
    expect(ds.people.users.filter((u) => u.role === 'admin')).toHaveLength(1);
    for (const members of ds.people.teamMembers) {
      expect(members.length).toBeGreaterThanOrEqual(3);
      expect(members.length).toBeLessThanOrEqual(30);
      expect(new Set(members).size).toBe(members.length);
    }
  });

  it('skews ownership: the top owner holds 10 % and more than anyone else', () => {
    const byOwner = new Map<string, number>();
    for (const c of rowsOf(ds, 'contacts')) byOwner.set(c.owner_id, (byOwner.get(c.owner_id) ?? 0) + 1);
    const top = byOwner.get(idOf(ds.people.roles.topOwner)) ?? 0;
    expect(top).toBe(OPTIONS.contacts * 0.1);
    expect(Math.max(...byOwner.values())).toBe(top);
    expect(byOwner.get(idOf(ds.people.roles.narrowMember))).toBe(narrowTarget(OPTIONS.contacts).owned);
    const opts = { ...OPTIONS, contacts: 1_000_000, users: 1_000 };
    const counts = ownerCounts(new Rng('x'), opts, planPeople(new Rng('y'), opts, 'h').roles);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1_000_000);
    expect(Math.max(...counts)).toBe(100_000);
  });

  it('shares 5 % of contacts one by one, ~20 % of them time-limited, some expired', () => {
    const shares: ContactShareRow[] = rowsOf(ds, 'contact_shares');
    expect(shares).toHaveLength(OPTIONS.contacts * 0.05);
    expect(new Set(shares.map((s) => s.contact_id)).size).toBe(shares.length);
    expect(shares.every((s) => s.level === 2 || s.level === 3)).toBe(true);
    const limited = shares.filter((s) => s.expires_at !== null);
    expect(limited.length / shares.length).toBeGreaterThan(0.08);
    expect(limited.length / shares.length).toBeLessThan(0.35);
    expect(limited.some((s) => Date.parse(s.expires_at as string) < NOW)).toBe(true);
    const owners = new Map(rowsOf(ds, 'contacts').map((c: ContactRow) => [c.id, c.owner_id]));
    expect(shares.every((s) => s.grantee_user_id !== owners.get(s.contact_id))).toBe(true);
  });

  it('gives ~5 user grants per user, 20 to the grantee of 20, never a grant over oneself', () => {
    const grants: UserGrantRow[] = rowsOf(ds, 'user_grants');
    expect(grants.length / OPTIONS.users).toBeGreaterThan(4);
    expect(grants.length / OPTIONS.users).toBeLessThan(6);
    expect(grants.every((g) => g.owner_id !== g.grantee_user_id && (g.level === 2 || g.level === 4))).toBe(true);
    const keys = grants.map((g) => `${g.owner_id}/${g.grantee_user_id}/${g.scope}`);
    expect(new Set(keys).size).toBe(keys.length);
    const of20 = grants.filter((g) => g.grantee_user_id === idOf(ds.people.roles.granteeOf20));
    expect(of20.filter((g) => g.scope === 'contacts')).toHaveLength(20);
    const narrow = grants.filter((g) => g.grantee_user_id === idOf(ds.people.roles.narrowMember));
    expect(narrow.every((g) => g.scope === 'calendar')).toBe(true);
  });

  it('makes 200 buckets no larger than N, each shared with 2 to 50 users or teams', () => {
    const members: BucketContactRow[] = rowsOf(ds, 'bucket_contacts');
    const sizes = new Map<string, Set<string>>();
    for (const m of members) sizes.set(m.bucket_id, (sizes.get(m.bucket_id) ?? new Set()).add(m.contact_id));
    expect(sizes.size).toBe(BUCKET_COUNT);
    const { min, max } = bucketSizeRange(OPTIONS.contacts);
    expect(max).toBeLessThanOrEqual(OPTIONS.contacts);
    for (const set of sizes.values()) {
      expect(set.size).toBeGreaterThanOrEqual(min);
      expect(set.size).toBeLessThanOrEqual(max);
    }
    expect([...sizes.values()].reduce((a, s) => a + s.size, 0)).toBe(members.length);
    const bucketMember = idOf(ds.people.roles.bucketMember);
    const shares: BucketShareRow[] = rowsOf(ds, 'bucket_shares');
    const perBucket = new Map<string, number>();
    for (const s of shares.filter((x) => x.grantee_user_id !== bucketMember)) perBucket.set(s.bucket_id, (perBucket.get(s.bucket_id) ?? 0) + 1);
    for (const n of perBucket.values()) expect(n >= 2 && n <= 50).toBe(true);
    expect(shares.filter((s) => s.grantee_user_id === bucketMember)).toHaveLength(BUCKET_MEMBER_BUCKETS);
    expect(bucketSizeRange(100_000)).toEqual({ min: 100, max: 10_000 });
  });

  it('keeps the narrow member, the grantee of 20 and the bucket member out of teams and random bucket shares', () => {
    const isolated = [...ds.people.isolated].map(idOf);
    const inTeams = rowsOf(ds, 'team_members').map((m) => m.user_id);
    expect(isolated.some((id) => inTeams.includes(id))).toBe(false);
    const bucketGrantees = rowsOf(ds, 'bucket_shares').map((s) => s.grantee_user_id);
    expect(bucketGrantees.includes(idOf(ds.people.roles.narrowMember))).toBe(false);
    expect(bucketGrantees.includes(idOf(ds.people.roles.granteeOf20))).toBe(false);
    const narrowShares = rowsOf(ds, 'contact_shares').filter((s) => s.grantee_user_id === idOf(ds.people.roles.narrowMember));
    expect(narrowShares.length).toBeLessThanOrEqual(narrowTarget(OPTIONS.contacts).shared);
  });

  it('records history sent on the owner\'s behalf', () => {
    const owners = new Map(rowsOf(ds, 'contacts').map((c) => [c.id, c.owner_id]));
    for (const e of rowsOf(ds, 'contact_events')) {
      if (e.kind === 'message') expect(e.on_behalf_of).toBe(owners.get(e.contact_id));
      else expect(e.on_behalf_of).toBeNull();
    }
  });
});

describe('Rng', () => {
  it('draws distinct samples and log-uniform integers in range', () => {
    const rng = new Rng('t');
    const sample = rng.sample(500, 1_000);
    expect(new Set(sample).size).toBe(500);
    expect(sample.every((x) => x >= 0 && x < 1_000)).toBe(true);
    expect(rng.sample(10, 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (let i = 0; i < 1_000; i++) {
      const x = rng.logInt(100, 10_000);
      expect(x >= 100 && x <= 10_000).toBe(true);
    }
    expect(new Rng('same').fork('a').uuid()).toBe(new Rng('same').fork('a').uuid());
  });
});
