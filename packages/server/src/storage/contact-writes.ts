// Writes to the contacts table. No permission logic here: the domain layer decides with @tandem/core first and
// calls these inside its transaction. Every time comes from the caller (the app's clock), never from now().
import type { Db } from './connect.ts';
import { sortNameOf } from './contact-queries.ts';
import { isUuid } from './ids.ts';

export type ContactFields = {
  name: string;
  company: string | null;
  title: string | null;
  emails: string[];
  phones: string[];
  tags: string[];
  address: string | null;
};

/**
 * Locks one contact's row until the transaction ends (nothing for a malformed or missing id). A use case that
 * decides on the contact's state takes it before loading the contact: a concurrent change of the same contact
 * waits for it, then loads the state this one left, so two racing trashes (or purges) cannot both succeed.
 */
export async function lockContactRow(trx: Db, orgId: string, id: string): Promise<void> {
  if (!isUuid(id)) return;
  await trx.selectFrom('contacts').select('id').where('org_id', '=', orgId).where('id', '=', id.toLowerCase()).forUpdate().execute();
}

/**
 * Locks several contacts' rows (bulk actions), in id order so that two bulk requests over overlapping ids wait for
 * each other instead of deadlocking. Malformed and missing ids lock nothing.
 */
export async function lockContactRows(trx: Db, orgId: string, ids: readonly string[]): Promise<void> {
  const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  if (wanted.length === 0) return;
  await trx.selectFrom('contacts').select('id').where('org_id', '=', orgId).where('id', 'in', wanted).orderBy('id').forUpdate().execute();
}

export async function insertContact(trx: Db, orgId: string, ownerId: string, fields: ContactFields, now: number): Promise<string> {
  const at = new Date(now);
  const row = await trx.insertInto('contacts').values({
    org_id: orgId, owner_id: ownerId, ...fields, sort_name: sortNameOf(fields.name), created_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateContactFields(trx: Db, orgId: string, id: string, patch: Partial<ContactFields>, now: number): Promise<void> {
  const sortName = patch.name === undefined ? {} : { sort_name: sortNameOf(patch.name) };
  await trx.updateTable('contacts').set({ ...patch, ...sortName, updated_at: new Date(now) })
    .where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** Sets or clears `archived_at` (null clears). */
export async function setContactArchivedAt(trx: Db, orgId: string, id: string, at: number | null, now: number): Promise<void> {
  await trx.updateTable('contacts').set({ archived_at: at === null ? null : new Date(at), updated_at: new Date(now) })
    .where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** Sets or clears `trashed_at` (null clears: restore). */
export async function setContactTrashedAt(trx: Db, orgId: string, id: string, at: number | null, now: number): Promise<void> {
  await trx.updateTable('contacts').set({ trashed_at: at === null ? null : new Date(at), updated_at: new Date(now) })
    .where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function setContactOwner(trx: Db, orgId: string, id: string, ownerId: string, now: number): Promise<void> {
  await trx.updateTable('contacts').set({ owner_id: ownerId, updated_at: new Date(now) })
    .where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** Hands every contact of one owner to another in one statement, whatever the size of the book (G7). */
export async function reassignAllContacts(trx: Db, orgId: string, fromId: string, toId: string, now: number): Promise<number> {
  const result = await trx.updateTable('contacts').set({ owner_id: toId, updated_at: new Date(now) })
    .where('org_id', '=', orgId).where('owner_id', '=', fromId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Deletes a contact for good; its shares, bucket memberships and history go with it (ON DELETE CASCADE). */
export async function deleteContactRow(trx: Db, orgId: string, id: string, trashedBefore?: number): Promise<boolean> {
  let query = trx.deleteFrom('contacts').where('org_id', '=', orgId).where('id', '=', id);
  if (trashedBefore !== undefined) query = query.where('trashed_at', '<', new Date(trashedBefore));
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export type ExpiredTrash = { org_id: string; id: string; name: string; owner_id: string; archived_at: Date | null; trashed_at: Date };

/** Contacts of any org trashed before `cutoff`, oldest first (the purge job's work list). */
export async function selectTrashedBefore(db: Db, cutoff: number, limit: number): Promise<ExpiredTrash[]> {
  const rows = await db.selectFrom('contacts').select(['org_id', 'id', 'name', 'owner_id', 'archived_at', 'trashed_at'])
    .where('trashed_at', 'is not', null).where('trashed_at', '<', new Date(cutoff))
    .orderBy('trashed_at').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ ...r, trashed_at: r.trashed_at as Date }));
}
