// Templates' own columns (subject, body) and their use by program steps. Which templates a caller sees, and the
// columns every hand-shared resource has, are hand-shared-queries.ts.
import type { Db } from './connect.ts';

export type TemplateContent = { subject: string | null; body: string };

export async function insertTemplate(
  trx: Db, orgId: string, ownerId: string, input: { name: string } & TemplateContent, now: number,
): Promise<string> {
  const row = await trx.insertInto('templates').values({
    org_id: orgId, owner_id: ownerId, name: input.name, subject: input.subject, body: input.body,
    created_at: new Date(now), updated_at: new Date(now),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The subject and body of some templates of the org, by id: one query for a whole page. */
export async function loadTemplateContents(db: Db, orgId: string, ids: readonly string[]): Promise<Map<string, TemplateContent>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('templates').select(['id', 'subject', 'body'])
    .where('org_id', '=', orgId).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, { subject: r.subject, body: r.body }]));
}

export async function updateTemplate(
  trx: Db, orgId: string, id: string, change: { name: string } & TemplateContent, now: number,
): Promise<void> {
  await trx.updateTable('templates')
    .set({ name: change.name, subject: change.subject, body: change.body, updated_at: new Date(now) })
    .where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** Whether a program step sends this template (then it cannot be deleted). */
export async function isTemplateInUse(db: Db, orgId: string, id: string): Promise<boolean> {
  const row = await db.selectFrom('program_steps').select('id')
    .where('org_id', '=', orgId).where('template_id', '=', id).limit(1).executeTakeFirst();
  return row !== undefined;
}
