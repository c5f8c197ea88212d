// The import's reads and writes (issue 13, item 4). Matches are read only through the policy the domain compiled with
// @tandem/core (render-filter.ts): a contact the caller cannot see is never read, so it can never be matched, updated
// or named in an answer. No permission logic here.
import type { ActorContext, ListPolicy } from '@tandem/core';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './connect.ts';
import { contactColumns, factColumns, toContactWithFacts, type ContactWithFacts, type RawRow } from './contact-facts.ts';
import type { ContactFields } from './contact-writes.ts';
import { sortNameOf } from './contact-queries.ts';
import { CONTACTS, renderPolicy } from './render-filter.ts';

/**
 * The contacts `policy` lets through that hold one of `emails` (lower-case, as stored), oldest first, with their facts.
 * `lock` takes their rows until the transaction ends (a real run: a racing edit waits, then the merge sees it).
 */
export async function selectContactsByEmails(db: Db, ctx: ActorContext, policy: ListPolicy, emails: readonly string[], lock: boolean): Promise<ContactWithFacts[]> {
  if (emails.length === 0 || policy.kind === 'denied') return [];
  const orgId = ctx.actor.orgId;
  const query = sql`SELECT ${contactColumns}, ${factColumns(ctx)} FROM contacts c
    WHERE c.org_id = ${orgId} AND c.id IN (SELECT ce.contact_id FROM contact_emails ce WHERE ce.org_id = ${orgId} AND ce.email = ANY(${[...emails]}::text[]))
      AND ${renderPolicy(policy, CONTACTS, orgId)}
    ORDER BY c.created_at, c.id${lock ? sql` FOR UPDATE OF c` : sql``}` as RawBuilder<RawRow>;
  return (await query.execute(db)).rows.map(toContactWithFacts);
}

/** Inserts contacts owned by `ownerId` in one statement; returns how many. */
export async function insertContactRows(trx: Db, orgId: string, ownerId: string, rows: readonly ContactFields[], now: number): Promise<number> {
  if (rows.length === 0) return 0;
  const at = new Date(now);
  const result = await trx.insertInto('contacts').values(rows.map((fields) => ({
    org_id: orgId, owner_id: ownerId, ...fields, sort_name: sortNameOf(fields.name), created_at: at, updated_at: at,
  }))).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? rows.length);
}
