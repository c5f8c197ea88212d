// The board of a pipeline (spec §6.6, D33) in one statement, so its cards and counts come from one snapshot:
//   - `b`: every card of the pipeline whose contact is live (not trashed), `FROM pipeline_cards pc JOIN contacts pc_c`,
//     with `visible`: the caller's compiled `contact.view` policy rendered on the joined contact through
//     `contactBinding('pc_c')` (render-filter.ts writes it; nobody writes a visibility clause here). The policy is
//     rendered once, as this column;
//   - `tallies`: per stage, the live cards, the visible ones and the visible values' total;
//   - `page`: the first `limit` visible cards of each stage by (position, id).
// The answer is one row per stage that has live cards, with its tallies, and one more per shown card; a hidden card
// leaves the statement only as a number in `live` (the use case subtracts `visible` to get `hiddenCount`).
import { LIVE_STATES, stateIn, type ListPolicy } from '@tandem/core';
import { sql } from 'kysely';
import type { Db } from './connect.ts';
import type { CardRow } from './pipeline-queries.ts';
import { contactBinding, renderCondition, renderPolicy } from './render-filter.ts';

export type BoardCardRow = CardRow & { contact_name: string };
/** A stage's counts: its cards on live contacts, those the caller sees, and the visible values' sum (exact text). */
export type StageTally = { live: number; visibleCount: number; totalValue: string };
export type BoardRows = { cards: BoardCardRow[]; tallies: Map<string, StageTally> };

const CARD_CONTACT = contactBinding('pc_c');

type Raw = { stage_id: string; live: number; visible_count: number; total_value: string | null } & ({ [K in keyof BoardCardRow]: null } | BoardCardRow);

/** The visible cards of a pipeline, up to `limit` per stage, and each stage's tallies. */
export async function selectBoard(db: Db, orgId: string, pipelineId: string, policy: ListPolicy, limit: number): Promise<BoardRows> {
  const live = renderCondition(stateIn([...LIVE_STATES]), CARD_CONTACT);
  const visible = renderPolicy(policy, CARD_CONTACT, orgId);
  const result = await sql<Raw>`WITH b AS (
      SELECT pc.id, pc.pipeline_id, pc.stage_id, pc.contact_id, pc.title, pc.value, pc.expected_close_on, pc.position,
        pc.created_by, pc.created_at, pc.updated_at, pc_c.name AS contact_name, ${visible} AS visible
      FROM pipeline_cards pc
      JOIN contacts pc_c ON pc_c.org_id = pc.org_id AND pc_c.id = pc.contact_id
      WHERE pc.org_id = ${orgId} AND pc.pipeline_id = ${pipelineId}::uuid AND ${live}
    ), tallies AS (
      SELECT stage_id, count(*)::int AS live, (count(*) FILTER (WHERE visible))::int AS visible_count,
        (sum(value) FILTER (WHERE visible))::text AS total_value
      FROM b GROUP BY stage_id
    ), page AS (
      SELECT * FROM (
        SELECT b.*, row_number() OVER (PARTITION BY b.stage_id ORDER BY b.position, b.id) AS rank FROM b WHERE b.visible
      ) v WHERE rank <= ${limit}
    )
    SELECT t.stage_id, t.live, t.visible_count, t.total_value,
      p.id, p.pipeline_id, p.contact_id, p.title, p.value::text AS value, p.expected_close_on::text AS expected_close_on,
      p.position, p.created_by, p.created_at, p.updated_at, p.contact_name
    FROM tallies t LEFT JOIN page p ON p.stage_id = t.stage_id
    ORDER BY t.stage_id, p.rank`.execute(db);
  const tallies = new Map<string, StageTally>();
  const cards: BoardCardRow[] = [];
  for (const { live: liveCount, visible_count, total_value, ...row } of result.rows) {
    if (!tallies.has(row.stage_id)) tallies.set(row.stage_id, { live: liveCount, visibleCount: visible_count, totalValue: total_value ?? '0' });
    if (row.id !== null) cards.push(row as BoardCardRow);
  }
  return { cards, tallies };
}
