// Inbound replies (0011): the org's inbound secret, the replay store, the owner named by a line, the contact named
// by the client's address, the inbound history row, and the unmatched replies admins list. Every statement names
// the org: nothing here crosses one.
import { sql } from 'kysely';
import type { Db } from './connect.ts';

// ---- the org's inbound secret ----

/** The org's inbound secret; undefined when the org does not exist, null when it has none yet. */
export async function loadInboundSecret(db: Db, orgId: string): Promise<string | null | undefined> {
  const row = await db.selectFrom('orgs').select('inbound_secret').where('id', '=', orgId).executeTakeFirst();
  return row ? row.inbound_secret : undefined;
}

/** Stores `secret` unless the org already has one (two first reads racing keep the first); answers the org's secret. */
export async function storeInboundSecretIfMissing(db: Db, orgId: string, secret: string): Promise<string> {
  await db.updateTable('orgs').set({ inbound_secret: secret }).where('id', '=', orgId).where('inbound_secret', 'is', null).execute();
  const row = await db.selectFrom('orgs').select('inbound_secret').where('id', '=', orgId).executeTakeFirstOrThrow();
  return row.inbound_secret ?? secret;
}

export async function replaceInboundSecret(trx: Db, orgId: string, secret: string): Promise<void> {
  await trx.updateTable('orgs').set({ inbound_secret: secret }).where('id', '=', orgId).execute();
}

// ---- replays ----

/** Records an accepted delivery's digest; false when it was recorded before (a replay). */
export async function recordDelivery(trx: Db, orgId: string, digest: string, at: number): Promise<boolean> {
  const row = await trx.insertInto('inbound_deliveries').values({ org_id: orgId, digest, received_at: new Date(at) })
    .onConflict((oc) => oc.columns(['org_id', 'digest']).doNothing()).returning('digest').executeTakeFirst();
  return row !== undefined;
}

/** Forgets digests received before `before`: their signatures are refused by their timestamps anyway. */
export async function forgetDeliveriesBefore(trx: Db, orgId: string, before: number): Promise<void> {
  await trx.deleteFrom('inbound_deliveries').where('org_id', '=', orgId).where('received_at', '<', new Date(before)).execute();
}

// ---- the owner named by a line ----

export type LineOwner = { id: string; status: 'active' | 'deactivated' };

/** The org's user with this id (a reply address names one). */
export async function findUserById(db: Db, orgId: string, userId: string): Promise<LineOwner | undefined> {
  return db.selectFrom('users').select(['id', 'status']).where('org_id', '=', orgId).where('id', '=', userId).executeTakeFirst();
}

/** The org's user whose own e-mail this is (stored lower-cased). */
export async function findUserByEmail(db: Db, orgId: string, email: string): Promise<LineOwner | undefined> {
  return db.selectFrom('users').select(['id', 'status']).where('org_id', '=', orgId).where('email', '=', email).executeTakeFirst();
}

/**
 * The org's user whose SMS line has these digits. Two users sharing a line is a configuration mistake; the active
 * one, then the longest-standing one, is taken, so the answer does not change from one reply to the next.
 */
export async function findUserBySmsDigits(db: Db, orgId: string, digits: string): Promise<LineOwner | undefined> {
  return db.selectFrom('users').select(['id', 'status']).where('org_id', '=', orgId).where('sms_line', 'is not', null)
    .where(sql<string>`regexp_replace(sms_line, '[^0-9]+', '', 'g')`, '=', digits)
    .orderBy(sql`status = 'active'`, 'desc').orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
}

// ---- the contact named by the client's address ----

export type MatchedContact = { id: string; trashed: boolean };

/**
 * The owner's contact with this e-mail (stored lower-cased, contact_emails): a contact outside the trash first, then
 * the one with the most recent history, then the newest, then the highest id (deterministic).
 */
export async function findOwnersContactByEmail(db: Db, orgId: string, ownerId: string, email: string): Promise<MatchedContact | undefined> {
  const { rows } = await sql<MatchedContact>`
    SELECT c.id, c.trashed_at IS NOT NULL AS trashed
    FROM contact_emails ce JOIN contacts c ON c.org_id = ce.org_id AND c.id = ce.contact_id
    WHERE ce.org_id = ${orgId} AND ce.email = ${email} AND c.owner_id = ${ownerId}
    ORDER BY c.trashed_at IS NOT NULL, c.last_activity_at DESC, c.created_at DESC, c.id DESC
    LIMIT 1`.execute(db);
  return rows[0];
}

/**
 * The owner's contact with one of these phone digits (contact_phones): outside the trash first, then an exact match
 * of the whole number (`exact`) before a national form of it, then the most recent history, the newest, the highest id.
 */
export async function findOwnersContactByPhone(db: Db, orgId: string, ownerId: string, exact: string, forms: readonly string[]): Promise<MatchedContact | undefined> {
  const { rows } = await sql<MatchedContact>`
    SELECT c.id, c.trashed_at IS NOT NULL AS trashed
    FROM contact_phones cp JOIN contacts c ON c.org_id = cp.org_id AND c.id = cp.contact_id
    WHERE cp.org_id = ${orgId} AND cp.digits = ANY(${[exact, ...forms]}::text[]) AND c.owner_id = ${ownerId}
    ORDER BY c.trashed_at IS NOT NULL, cp.digits <> ${exact}, c.last_activity_at DESC, c.created_at DESC, c.id DESC
    LIMIT 1`.execute(db);
  return rows[0];
}

// ---- what is kept ----

export type InboundMessage = {
  channel: 'email' | 'sms'; fromAddress: string; toAddress: string; subject: string | null; body: string; externalId: string | null;
};

/** Appends the reply to the contact's history; null when this provider message id was appended before. */
export async function insertInboundEvent(trx: Db, orgId: string, contactId: string, ownerId: string, m: InboundMessage, at: number): Promise<string | null> {
  const row = await trx.insertInto('contact_events').values({
    org_id: orgId, contact_id: contactId, kind: 'message', body: m.body, channel: m.channel, direction: 'inbound',
    subject: m.subject, from_address: m.fromAddress, to_address: m.toAddress, external_id: m.externalId,
    sent_by: null, on_behalf_of: ownerId, created_at: new Date(at),
  }).onConflict((oc) => oc.columns(['org_id', 'channel', 'external_id'])
    .where('direction', '=', 'inbound').where('external_id', 'is not', null).doNothing())
    .returning('id').executeTakeFirst();
  return row?.id ?? null;
}

export type UnmatchedReason = 'unknown_line' | 'unknown_sender' | 'contact_in_trash';

/** Keeps a reply nobody's contact matched; null when this provider message id was kept before. */
export async function insertUnmatched(trx: Db, orgId: string, reason: UnmatchedReason, ownerId: string | null, m: InboundMessage, at: number): Promise<string | null> {
  const row = await trx.insertInto('inbound_unmatched').values({
    org_id: orgId, channel: m.channel, reason, owner_id: ownerId, from_address: m.fromAddress, to_address: m.toAddress,
    subject: m.subject, body: m.body, external_id: m.externalId, received_at: new Date(at),
  }).onConflict((oc) => oc.columns(['org_id', 'channel', 'external_id']).where('external_id', 'is not', null).doNothing())
    .returning('id').executeTakeFirst();
  return row?.id ?? null;
}

export type UnmatchedRow = {
  id: string; channel: 'email' | 'sms'; reason: UnmatchedReason; owner_id: string | null; from_address: string; to_address: string;
  subject: string | null; body: string; external_id: string | null; received_at: Date;
  /** received_at with full (microsecond) precision, for the cursor. */
  at_key: string;
};

const AT_KEY = sql<string>`to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Up to `limit + 1` unmatched replies of the org, newest first, after the cursor's (received_at, id). */
export async function listUnmatched(db: Db, orgId: string, limit: number, after?: { at: string; id: string }): Promise<UnmatchedRow[]> {
  let query = db.selectFrom('inbound_unmatched')
    .select(['id', 'channel', 'reason', 'owner_id', 'from_address', 'to_address', 'subject', 'body', 'external_id', 'received_at', AT_KEY.as('at_key')])
    .where('org_id', '=', orgId);
  if (after) query = query.where(sql<boolean>`(received_at, id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  return query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
}

/** The org of the user a reply address names (user ids are unique across orgs); the SMTP receiver starts from it. */
export async function findOrgOfUser(db: Db, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('org_id').where('id', '=', userId).executeTakeFirst();
  return row?.org_id;
}
