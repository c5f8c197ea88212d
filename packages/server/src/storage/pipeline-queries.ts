// Pipelines' own rows (spec §6.6, D33): stages in board order and cards. Which pipelines a caller sees is the
// hand-shared policy (hand-shared-queries.ts); which cards a caller sees is the board's compiled contact filter
// (pipeline-board-queries.ts). Nothing here decides access: the use cases ask the core first.
import { sql } from 'kysely';
import type { Db } from './connect.ts';
import { isUuid } from './ids.ts';

export type StageRow = { id: string; pipeline_id: string; name: string; position: number };

/** The columns of a card every answer shows, with its contact's name (read only after the contact was judged). */
export type CardRow = {
  id: string; pipeline_id: string; stage_id: string; contact_id: string; title: string;
  /** numeric(14,2) as text, exact; null when the card has no value. */
  value: string | null;
  /** 'YYYY-MM-DD' or null. */
  expected_close_on: string | null;
  position: number; created_by: string; created_at: Date; updated_at: Date;
};

/** A card's columns on alias `pc`, value and date as exact text. */
export const CARD_COLUMNS = sql.raw(`pc.id, pc.pipeline_id, pc.stage_id, pc.contact_id, pc.title, pc.value::text AS value,
  pc.expected_close_on::text AS expected_close_on, pc.position, pc.created_by, pc.created_at, pc.updated_at`);

/**
 * The stages of some pipelines, each list in board order, by pipeline id: one statement for a whole page. `forUpdate`
 * locks them (a change of the stage list does, so a card written meanwhile waits and finds its stage gone, or is
 * found on it: never a card on a deleted stage).
 */
export async function loadStages(db: Db, orgId: string, pipelineIds: readonly string[], options: { forUpdate?: boolean } = {}): Promise<Map<string, StageRow[]>> {
  const out = new Map<string, StageRow[]>(pipelineIds.map((id) => [id, []]));
  if (pipelineIds.length === 0) return out;
  let query = db.selectFrom('pipeline_stages').select(['id', 'pipeline_id', 'name', 'position'])
    .where('org_id', '=', orgId).where('pipeline_id', 'in', [...pipelineIds]).orderBy('pipeline_id').orderBy('position');
  if (options.forUpdate) query = query.forUpdate();
  for (const r of await query.execute()) out.get(r.pipeline_id)?.push(r);
  return out;
}

/**
 * Whether `stageId` is a stage of the pipeline, keeping it (FOR KEY SHARE) until the card written on it commits: a
 * concurrent removal of the stage waits for the card, then finds it (409); or the card waits and finds no stage (400).
 */
export async function lockStageOf(trx: Db, orgId: string, pipelineId: string, stageId: string): Promise<boolean> {
  if (!isUuid(stageId)) return false;
  const row = await trx.selectFrom('pipeline_stages').select('id').where('org_id', '=', orgId).where('pipeline_id', '=', pipelineId)
    .where('id', '=', stageId.toLowerCase()).forKeyShare().executeTakeFirst();
  return row !== undefined;
}

export async function insertStage(trx: Db, orgId: string, pipelineId: string, name: string, position: number): Promise<string> {
  const row = await trx.insertInto('pipeline_stages').values({ org_id: orgId, pipeline_id: pipelineId, name, position }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Renames and moves a stage; positions are unique per pipeline only at commit (the constraint is deferred). */
export async function updateStage(trx: Db, orgId: string, stageId: string, name: string, position: number): Promise<void> {
  await trx.updateTable('pipeline_stages').set({ name, position }).where('org_id', '=', orgId).where('id', '=', stageId).execute();
}

export async function deleteStages(trx: Db, orgId: string, stageIds: readonly string[]): Promise<void> {
  if (stageIds.length === 0) return;
  await trx.deleteFrom('pipeline_stages').where('org_id', '=', orgId).where('id', 'in', [...stageIds]).execute();
}

/**
 * Locks a pipeline's row before anything else of it (D33, lock order): card writes take it FOR KEY SHARE (as their
 * foreign-key checks would, only first), a change of the stage list FOR NO KEY UPDATE (one at a time, while cards keep
 * being written), a deletion FOR UPDATE (waits for the card writes in flight, and they for it). Taking the pipeline
 * first everywhere means no two writers ever wait on each other in opposite orders. False when there is no such row.
 */
export async function lockPipeline(trx: Db, orgId: string, id: string, strength: 'key share' | 'no key update'): Promise<boolean> {
  if (!isUuid(id)) return false;
  let query = trx.selectFrom('pipelines').select('id').where('org_id', '=', orgId).where('id', '=', id.toLowerCase());
  query = strength === 'key share' ? query.forKeyShare() : query.forNoKeyUpdate();
  return (await query.executeTakeFirst()) !== undefined;
}

/** Whether any card (of any contact, visible to the caller or not, trashed or not) sits on one of the stages. */
export async function anyCardOn(db: Db, orgId: string, stageIds: readonly string[]): Promise<boolean> {
  if (stageIds.length === 0) return false;
  const row = await db.selectFrom('pipeline_cards').select('id').where('org_id', '=', orgId).where('stage_id', 'in', [...stageIds]).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Every card of a pipeline, counted (for the deletion's audit entry). */
export async function countCards(db: Db, orgId: string, pipelineId: string): Promise<number> {
  const row = await db.selectFrom('pipeline_cards').select(sql<number>`count(*)::int`.as('n'))
    .where('org_id', '=', orgId).where('pipeline_id', '=', pipelineId).executeTakeFirstOrThrow();
  return row.n;
}

/** One card of the org by id (any contact: the caller judges the contact before showing anything); null if absent. */
export async function loadCard(db: Db, orgId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<CardRow | null> {
  if (!isUuid(id)) return null;
  const result = await sql<CardRow>`SELECT ${CARD_COLUMNS} FROM pipeline_cards pc
    WHERE pc.org_id = ${orgId} AND pc.id = ${id.toLowerCase()}::uuid${options.forUpdate ? sql` FOR UPDATE` : sql``}`.execute(db);
  return result.rows[0] ?? null;
}

/** The position after the last card of a stage (a new card goes to the bottom). */
export async function nextPosition(db: Db, orgId: string, stageId: string): Promise<number> {
  const row = await db.selectFrom('pipeline_cards').select(sql<number | null>`max(position)`.as('last'))
    .where('org_id', '=', orgId).where('stage_id', '=', stageId).executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 1 : Math.floor(Number(row.last)) + 1;
}

export type CardValues = { stageId: string; title: string; value: number | null; expectedCloseOn: string | null; position: number };

export async function insertCard(
  trx: Db, orgId: string, pipelineId: string, contactId: string, values: CardValues, createdBy: string, now: number,
): Promise<string> {
  const row = await trx.insertInto('pipeline_cards').values({
    org_id: orgId, pipeline_id: pipelineId, contact_id: contactId, stage_id: values.stageId, title: values.title,
    value: values.value, expected_close_on: values.expectedCloseOn, position: values.position, created_by: createdBy,
    created_at: new Date(now), updated_at: new Date(now),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCard(trx: Db, orgId: string, id: string, values: CardValues, now: number): Promise<void> {
  await trx.updateTable('pipeline_cards').set({
    stage_id: values.stageId, title: values.title, value: values.value, expected_close_on: values.expectedCloseOn,
    position: values.position, updated_at: new Date(now),
  }).where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function deleteCard(trx: Db, orgId: string, id: string): Promise<void> {
  await trx.deleteFrom('pipeline_cards').where('org_id', '=', orgId).where('id', '=', id).execute();
}
