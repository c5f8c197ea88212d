// Outbound messages and their delivery (spec §6.5, migration 0009's columns on contact_events, 0010's outbox): what
// a message is sent from and to, what the delivery job reads, and what it records.
import { sql } from 'kysely';
import type { Db } from './connect.ts';

/** The owner's mailbox and line, and the org's sending domain: what a message on the owner's behalf goes out from. */
export type SenderFacts = { ownerName: string; ownerEmail: string; ownerSmsLine: string | null; sendingDomain: string | null };

export async function loadSenderFacts(db: Db, orgId: string, ownerId: string): Promise<SenderFacts | undefined> {
  return db.selectFrom('users as u').innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.name as ownerName', 'u.email as ownerEmail', 'u.sms_line as ownerSmsLine', 'o.sending_domain as sendingDomain'])
    .where('u.org_id', '=', orgId).where('u.id', '=', ownerId).executeTakeFirst();
}

/** A message as its delivery job reads it, with the names and addresses of its sender and owner. */
export type MessageToDeliver = {
  id: string; org_id: string; contact_id: string; channel: 'email' | 'sms' | null; status: 'queued' | 'sent' | 'failed' | null;
  body: string; subject: string | null; from_address: string | null; to_address: string | null;
  sent_by: string | null; on_behalf_of: string | null; contact_name: string;
  sender_name: string | null; sender_email: string | null; owner_name: string | null; owner_sms_line: string | null;
};

export async function loadMessageToDeliver(db: Db, orgId: string, messageId: string): Promise<MessageToDeliver | undefined> {
  const result = await sql<MessageToDeliver>`SELECT e.id, e.org_id, e.contact_id, e.channel, e.status, e.body, e.subject,
      e.from_address, e.to_address, e.sent_by, e.on_behalf_of, c.name AS contact_name,
      s.name AS sender_name, s.email AS sender_email, w.name AS owner_name, w.sms_line AS owner_sms_line
    FROM contact_events e
    JOIN contacts c ON c.org_id = e.org_id AND c.id = e.contact_id
    LEFT JOIN users s ON s.org_id = e.org_id AND s.id = e.sent_by
    LEFT JOIN users w ON w.org_id = e.org_id AND w.id = e.on_behalf_of
    WHERE e.org_id = ${orgId} AND e.id = ${messageId} AND e.kind = 'message'`.execute(db);
  return result.rows[0];
}

export type DeliveryRecord =
  | { status: 'sent'; attempts: number; externalId: string; fromAddress: string | null; sentAt: number }
  | { status: 'failed'; attempts: number; error: string; fromAddress: string | null }
  | { status: 'queued'; attempts: number; error: string };

/** Writes a delivery's outcome (or, still `queued`, the last transient error) on the message while it is queued. */
export async function recordDelivery(trx: Db, orgId: string, messageId: string, record: DeliveryRecord): Promise<boolean> {
  const base = trx.updateTable('contact_events').where('org_id', '=', orgId).where('id', '=', messageId).where('status', '=', 'queued');
  const result = await (record.status === 'sent'
    ? base.set({ status: 'sent', attempts: record.attempts, external_id: record.externalId, sent_at: new Date(record.sentAt), error: null,
      ...(record.fromAddress ? { from_address: record.fromAddress } : {}) })
    : record.status === 'failed'
      ? base.set({ status: 'failed', attempts: record.attempts, error: record.error, ...(record.fromAddress ? { from_address: record.fromAddress } : {}) })
      : base.set({ attempts: record.attempts, error: record.error })).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Stores a text in the outbox once per message; returns its outbox row id (the existing one on a retry). */
export async function storeInOutbox(db: Db, sms: { orgId: string; messageId: string; from: string; to: string; body: string }, now: number): Promise<string> {
  const result = await sql<{ id: string }>`INSERT INTO sms_outbox (org_id, message_id, from_line, to_number, body, created_at)
    VALUES (${sms.orgId}, ${sms.messageId}, ${sms.from}, ${sms.to}, ${sms.body}, ${new Date(now)})
    ON CONFLICT (org_id, message_id) DO UPDATE SET message_id = EXCLUDED.message_id
    RETURNING id`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('outbox row vanished');
  return row.id;
}
