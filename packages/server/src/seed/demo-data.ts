// Demo data on first start: the org "Acme Care" of demo-data-cast.ts, which shows every kind of sharing (record
// shares with and without expiry, a team share, user grants, a shared bucket, archive and trash, messages sent on
// someone's behalf). Written in one transaction: a failure leaves the database empty. Prints nothing.
import { levelRank } from '@tandem/core';
import { sql } from 'kysely';
import { appendAudit, type AuditInput } from '../domain/audit/audit-chain.ts';
import { bucketShareSnapshot } from '../domain/buckets/bucket-audit.ts';
import { contactSnapshot } from '../domain/contacts/contact-audit.ts';
import { shareSnapshot } from '../domain/shares/share-snapshot.ts';
import { hashPassword } from '../domain/accounts/passwords.ts';
import type { Db } from '../storage/connect.ts';
import { sortNameOf } from '../storage/contact-queries.ts';
import {
  ARCHIVED, DEMO_EVENTS, DEMO_GRANTS, DEMO_ORG_NAME, DEMO_PASSWORD, DEMO_SHARES, DEMO_TEAMS, DEMO_USERS, KEY_ACCOUNTS,
  PRIVATE_BUCKET, TRASHED, demoContacts, demoEmail, type DemoUserKey,
} from './demo-data-cast.ts';

export type DemoInfo = { adminEmail: string; password: string };

const DAY = 86_400_000;
/** Serialises two app nodes starting on one empty PostgreSQL at once. */
const DEMO_LOCK = 727_201;

type Ids = { orgId: string; users: Map<DemoUserKey, string>; teams: Map<string, string>; contacts: string[]; owners: string[]; names: string[] };
type Audit = Omit<AuditInput, 'orgId'>;

export async function loadDemoDataIfEmpty(db: Db, now: number): Promise<DemoInfo | null> {
  if (await hasAnyOrg(db)) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const loaded = await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${DEMO_LOCK})`.execute(trx);
    if (await hasAnyOrg(trx)) return false;
    await writeDemo(trx, now, passwordHash);
    return true;
  });
  return loaded ? { adminEmail: demoEmail('ada'), password: DEMO_PASSWORD } : null;
}

async function hasAnyOrg(db: Db): Promise<boolean> {
  return (await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst()) !== undefined;
}

async function writeDemo(trx: Db, now: number, passwordHash: string): Promise<void> {
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
  const org = await trx.insertInto('orgs').values({
    name: DEMO_ORG_NAME, created_at: at(120),
    billing: JSON.stringify({ contactName: 'Ada Lindqvist', email: demoEmail('ada'), address: '1 Care Street, Springfield', vatId: '' }),
  }).returning('id').executeTakeFirstOrThrow();
  const ids: Ids = { orgId: org.id, users: new Map(), teams: new Map(), contacts: [], owners: [], names: [] };
  const created: Record<string, unknown>[] = [];
  for (const user of DEMO_USERS) {
    const row = await trx.insertInto('users').values({
      org_id: org.id, name: user.name, email: demoEmail(user.key), password_hash: passwordHash, role: user.role,
      status: user.status, export_channels: user.role === 'admin' ? ['csv', 'xlsx', 'vcard'] : [], created_at: at(120),
    }).returning(['id', 'name', 'email', 'role', 'status', 'export_channels', 'created_at']).executeTakeFirstOrThrow();
    ids.users.set(user.key, row.id);
    created.push({ id: row.id, name: row.name, email: row.email, role: row.role, status: row.status, exportChannels: row.export_channels, createdAt: row.created_at });
  }
  const admin = userId(ids, 'ada');
  const audits: Audit[] = [
    { actorId: admin, action: 'org.create', targetType: 'org', targetId: org.id, at: at(120).getTime(), after: { id: org.id, name: DEMO_ORG_NAME } },
    ...created.map((after): Audit => ({ actorId: admin, action: 'user.create', targetType: 'user', targetId: after.id as string, at: at(120).getTime(), after })),
  ];
  for (const team of DEMO_TEAMS) {
    const row = await trx.insertInto('teams').values({ org_id: org.id, name: team.name, created_at: at(119) }).returning('id').executeTakeFirstOrThrow();
    ids.teams.set(team.name, row.id);
    const memberIds = team.members.map((key) => userId(ids, key));
    await trx.insertInto('team_members').values(memberIds.map((user_id) => ({ org_id: org.id, team_id: row.id, user_id }))).execute();
    audits.push({ actorId: admin, action: 'team.create', targetType: 'team', targetId: row.id, at: at(119).getTime(), after: { id: row.id, name: team.name, memberIds } });
  }
  await writeContacts(trx, ids, at);
  audits.push(
    ...(await writeShares(trx, ids, now)),
    ...(await writeGrants(trx, ids, at)),
    ...(await writeBuckets(trx, ids, at)),
    ...(await writeArchiveAndTrash(trx, ids, at)),
    ...(await writeEvents(trx, ids, at)),
  );
  audits.sort((a, b) => a.at - b.at);
  for (const entry of audits) await appendAudit(trx, { orgId: org.id, ...entry });
}

function userId(ids: Ids, key: DemoUserKey): string {
  const id = ids.users.get(key);
  if (!id) throw new Error(`demo user ${key} missing`);
  return id;
}

function contactId(ids: Ids, index: number): string {
  const id = ids.contacts[index];
  if (!id) throw new Error(`demo contact ${index} missing`);
  return id;
}

async function writeContacts(trx: Db, ids: Ids, at: (daysAgo: number) => Date): Promise<void> {
  const contacts = demoContacts();
  ids.owners = contacts.map((c) => userId(ids, c.owner));
  ids.names = contacts.map((c) => c.name);
  const rows = await trx.insertInto('contacts').values(contacts.map((c) => ({
    org_id: ids.orgId, owner_id: userId(ids, c.owner), name: c.name, sort_name: sortNameOf(c.name),
    company: c.company, title: c.title, emails: c.emails, phones: c.phones, tags: c.tags, address: c.address,
    created_at: at(c.daysAgo), updated_at: at(c.daysAgo),
  }))).returning('id').execute();
  ids.contacts = rows.map((r) => r.id);
}

function ownerIdOf(ids: Ids, index: number): string {
  const owner = ids.owners[index];
  if (!owner) throw new Error(`demo contact ${index} missing`);
  return owner;
}

async function writeShares(trx: Db, ids: Ids, now: number): Promise<Audit[]> {
  const audits: Audit[] = [];
  for (const share of DEMO_SHARES) {
    const createdAt = now - share.daysAgo * DAY;
    const expiresAt = share.expiresInDays === undefined ? null : new Date(now + share.expiresInDays * DAY);
    const grantee = 'user' in share.grantee ? { userId: userId(ids, share.grantee.user) } : { teamId: ids.teams.get(share.grantee.team) as string };
    const owner = ownerIdOf(ids, share.contact);
    const row = await trx.insertInto('contact_shares').values({
      org_id: ids.orgId, contact_id: contactId(ids, share.contact), level: levelRank(share.level),
      grantee_user_id: 'userId' in grantee ? grantee.userId : null, grantee_team_id: 'teamId' in grantee ? grantee.teamId : null,
      starts_at: null, expires_at: expiresAt, created_by: owner, created_at: new Date(createdAt),
    }).returningAll().executeTakeFirstOrThrow();
    audits.push({
      actorId: owner, action: 'contact.share.create', targetType: 'contact', targetId: row.contact_id, at: createdAt, before: null,
      after: shareSnapshot(row),
    });
  }
  return audits;
}

async function writeGrants(trx: Db, ids: Ids, at: (daysAgo: number) => Date): Promise<Audit[]> {
  const admin = userId(ids, 'ada');
  const audits: Audit[] = [];
  for (const grant of DEMO_GRANTS) {
    const createdAt = at(grant.daysAgo);
    const row = await trx.insertInto('user_grants').values({
      org_id: ids.orgId, owner_id: userId(ids, grant.owner), grantee_user_id: userId(ids, grant.grantee), grantee_team_id: null,
      scope: grant.scope, level: levelRank(grant.level), starts_at: null, expires_at: null, created_by: admin, created_at: createdAt,
    }).returning('id').executeTakeFirstOrThrow();
    audits.push({
      actorId: admin, action: 'grant.create', targetType: 'grant', targetId: row.id, at: createdAt.getTime(), before: null,
      after: {
        id: row.id, ownerId: userId(ids, grant.owner), grantee: { userId: userId(ids, grant.grantee) }, scope: grant.scope, level: grant.level,
        startsAt: null, expiresAt: null, createdBy: admin, createdAt: createdAt.toISOString(), active: true,
      },
    });
  }
  return audits;
}

async function writeBuckets(trx: Db, ids: Ids, at: (daysAgo: number) => Date): Promise<Audit[]> {
  const audits: Audit[] = [];
  for (const bucket of [KEY_ACCOUNTS, PRIVATE_BUCKET]) {
    const owner = userId(ids, bucket.owner);
    const createdAt = at(bucket.daysAgo);
    const row = await trx.insertInto('buckets').values({ org_id: ids.orgId, owner_id: owner, name: bucket.name, created_at: createdAt })
      .returning('id').executeTakeFirstOrThrow();
    const contactIds = bucket.contacts.map((index) => contactId(ids, index));
    await trx.insertInto('bucket_contacts').values(contactIds.map((id) => ({
      org_id: ids.orgId, bucket_id: row.id, contact_id: id, added_by: owner, added_at: createdAt,
    }))).execute();
    audits.push({ actorId: owner, action: 'bucket.contacts.add', targetType: 'bucket', targetId: row.id, at: createdAt.getTime(), before: null, after: { contactIds } });
    if (bucket !== KEY_ACCOUNTS) continue;
    const teamId = ids.teams.get(KEY_ACCOUNTS.sharedWithTeam) as string;
    const share = await trx.insertInto('bucket_shares').values({
      org_id: ids.orgId, bucket_id: row.id, grantee_user_id: null, grantee_team_id: teamId, level: levelRank(KEY_ACCOUNTS.level),
      starts_at: null, expires_at: null, created_by: owner, created_at: createdAt,
    }).returningAll().executeTakeFirstOrThrow();
    audits.push({
      actorId: owner, action: 'bucket.share.create', targetType: 'bucket', targetId: row.id, at: createdAt.getTime(), before: null,
      after: bucketShareSnapshot({ ...share, grantee_name: null, grantee_active: true }),
    });
  }
  return audits;
}

async function writeArchiveAndTrash(trx: Db, ids: Ids, at: (daysAgo: number) => Date): Promise<Audit[]> {
  const audits: Audit[] = [];
  const changes = [
    ...ARCHIVED.map((a) => ({ ...a, column: 'archived_at' as const, action: 'contact.archive' })),
    { ...TRASHED, column: 'trashed_at' as const, action: 'contact.delete' },
  ];
  for (const change of changes) {
    const when = at(change.daysAgo);
    const id = contactId(ids, change.contact);
    await trx.updateTable('contacts').set({ [change.column]: when, updated_at: when }).where('org_id', '=', ids.orgId).where('id', '=', id).execute();
    const before = { name: ids.names[change.contact] as string, owner_id: ownerIdOf(ids, change.contact), archived_at: null, trashed_at: null };
    audits.push({
      actorId: before.owner_id, action: change.action, targetType: 'contact', targetId: id, at: when.getTime(),
      before: contactSnapshot(before), after: contactSnapshot({ ...before, [change.column]: when }),
    });
  }
  return audits;
}

/** History rows; every message is audited as sent on the owner's behalf (§6.5, §10), as the messages API does. */
async function writeEvents(trx: Db, ids: Ids, at: (daysAgo: number) => Date): Promise<Audit[]> {
  const audits: Audit[] = [];
  for (const event of DEMO_EVENTS) {
    const owner = ownerIdOf(ids, event.contact);
    const sender = userId(ids, event.by);
    const when = at(event.daysAgo);
    const row = await trx.insertInto('contact_events').values({
      org_id: ids.orgId, contact_id: contactId(ids, event.contact), kind: event.kind, body: event.body,
      channel: event.channel ?? null, sent_by: sender, on_behalf_of: event.kind === 'message' ? owner : null, created_at: when,
    }).returning(['id', 'contact_id', 'channel']).executeTakeFirstOrThrow();
    if (event.kind !== 'message') continue;
    audits.push({
      actorId: sender, action: 'contact.message', targetType: 'contact', targetId: row.contact_id, at: when.getTime(), before: null,
      after: { messageId: row.id, channel: row.channel, sentBy: sender, onBehalfOf: owner },
    });
  }
  return audits;
}
