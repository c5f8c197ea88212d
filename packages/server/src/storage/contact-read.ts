// The by-id read of contacts: rows of the actor's org with the facts the core decides from (contact-facts.ts).
import type { ActorContext } from '@tandem/core';
import { sql } from 'kysely';
import type { Db } from './connect.ts';
import { factColumns, toContactWithFacts, type ContactWithFacts, type RawRow } from './contact-facts.ts';
import { isUuid } from './ids.ts';

/** Loads contacts of the actor's org by id with their facts. Ids of other orgs or malformed ids are absent. */
export async function loadContacts(db: Db, ctx: ActorContext, ids: string[]): Promise<Map<string, ContactWithFacts>> {
  const wanted = ids.filter(isUuid);
  const out = new Map<string, ContactWithFacts>();
  if (wanted.length === 0) return out;
  const result = await sql<RawRow>`SELECT c.*, ${factColumns(ctx)} FROM contacts c
    WHERE c.org_id = ${ctx.actor.orgId} AND c.id = ANY(${wanted}::uuid[])`.execute(db);
  for (const raw of result.rows) {
    const item = toContactWithFacts(raw);
    out.set(item.row.id, item);
  }
  return out;
}
