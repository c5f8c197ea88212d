// The board of a pipeline (spec §6.6, D33) in two statements read in one snapshot:
//   - the visible cards: `FROM pipeline_cards pc JOIN contacts pc_c` under the caller's compiled `contact.view` policy
//     (live states only) rendered on the joined contact through `contactBinding('pc_c')`: the one visibility clause,
//     written by render-filter.ts. Window functions give each stage's visible count and value total over every
//     visible card, and the first `limit` cards of each stage by (position, id);
//   - the live cards per stage, counted with no visibility at all: the use case subtracts the visible count to get
//     `hiddenCount`. Nothing of a card this statement counts leaves it but the number.
import { LIVE_STATES, stateIn, type ListPolicy } from '@tandem/core';
import { sql } from 'kysely';
import type { Db } from './connect.ts';
import { CARD_COLUMNS, type CardRow } from './pipeline-queries.ts';
import { contactBinding, renderCondition, renderPolicy } from './render-filter.ts';

export type BoardCardRow = CardRow & { contact_name: string };
export type StageTally = { visibleCount: number; totalValue: string };
export type BoardRows = { cards: BoardCardRow[]; tallies: Map<string, StageTally> };

const CARD_CONTACT = contactBinding('pc_c');

type Raw = BoardCardRow & { visible_count: number; total_value: string | null };

/** The visible cards of a pipeline, up to `limit` per stage, and each stage's visible count and value total. */
export async function selectBoardCards(db: Db, orgId: string, pipelineId: string, policy: ListPolicy, limit: number): Promise<BoardRows> {
  const tallies = new Map<string, StageTally>();
  if (policy.kind === 'denied') return { cards: [], tallies };
  const result = await sql<Raw>`SELECT * FROM (
      SELECT ${CARD_COLUMNS}, pc_c.name AS contact_name,
        count(*) OVER (PARTITION BY pc.stage_id)::int AS visible_count,
        (sum(pc.value) OVER (PARTITION BY pc.stage_id))::text AS total_value,
        row_number() OVER (PARTITION BY pc.stage_id ORDER BY pc.position, pc.id) AS rank
      FROM pipeline_cards pc
      JOIN contacts pc_c ON pc_c.org_id = pc.org_id AND pc_c.id = pc.contact_id
      WHERE pc.org_id = ${orgId} AND pc.pipeline_id = ${pipelineId}::uuid AND ${renderPolicy(policy, CARD_CONTACT, orgId)}
    ) board
    WHERE rank <= ${limit}
    ORDER BY stage_id, rank`.execute(db);
  const cards: BoardCardRow[] = [];
  for (const { visible_count, total_value, ...card } of result.rows) {
    const { rank: _rank, ...row } = card as Raw & { rank: unknown };
    cards.push(row);
    if (!tallies.has(row.stage_id)) tallies.set(row.stage_id, { visibleCount: visible_count, totalValue: total_value ?? '0' });
  }
  return { cards, tallies };
}

/** Every card of a pipeline whose contact is live (not trashed), counted per stage, whoever may see it. */
export async function countLiveCards(db: Db, orgId: string, pipelineId: string): Promise<Map<string, number>> {
  const live = renderCondition(stateIn([...LIVE_STATES]), CARD_CONTACT);
  const result = await sql<{ stage_id: string; live: number }>`SELECT pc.stage_id, count(*)::int AS live
    FROM pipeline_cards pc
    JOIN contacts pc_c ON pc_c.org_id = pc.org_id AND pc_c.id = pc.contact_id
    WHERE pc.org_id = ${orgId} AND pc.pipeline_id = ${pipelineId}::uuid AND ${live}
    GROUP BY pc.stage_id`.execute(db);
  return new Map(result.rows.map((r) => [r.stage_id, r.live]));
}
