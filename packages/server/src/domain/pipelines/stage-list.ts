// A pipeline's stage list as a PATCH replaces it (api.md: `stages` replaces the list keeping ids): stages named by id
// are kept (renamed, moved), stages without an id are new, stages left out are removed, which a stage holding any
// card refuses (409 TANDEM_PIPELINE_STAGE_NOT_EMPTY: cards the caller cannot see count too, and the answer says no
// more than that).
import { AppError } from '../../errors.ts';
import type { Db } from '../../storage/connect.ts';
import { anyCardOn, deleteStages, insertStage, updateStage, type StageRow } from '../../storage/pipeline-queries.ts';

export type StageInput = { id?: string | undefined; name: string };

/** 400 unless every id given is one of `current`'s, each at most once. */
export function assertDistinctStages(wanted: readonly StageInput[], current: readonly StageRow[]): void {
  const known = new Set(current.map((s) => s.id));
  const seen = new Set<string>();
  for (const stage of wanted) {
    if (stage.id === undefined) continue;
    const id = stage.id.toLowerCase();
    if (!known.has(id)) throw new AppError('TANDEM_INPUT_INVALID', `Stage ${stage.id} is not a stage of this pipeline; leave out the id for a new stage.`);
    if (seen.has(id)) throw new AppError('TANDEM_INPUT_INVALID', `Stage ${stage.id} is listed twice.`);
    seen.add(id);
  }
}

/** Writes the new list over `current` (locked by the caller); true when anything changed. */
export async function replaceStages(trx: Db, orgId: string, pipelineId: string, current: readonly StageRow[], wanted: readonly StageInput[]): Promise<boolean> {
  assertDistinctStages(wanted, current);
  const kept = new Set(wanted.flatMap((s) => (s.id === undefined ? [] : [s.id.toLowerCase()])));
  const removed = current.filter((s) => !kept.has(s.id)).map((s) => s.id);
  if (await anyCardOn(trx, orgId, removed)) throw new AppError('TANDEM_PIPELINE_STAGE_NOT_EMPTY');
  await deleteStages(trx, orgId, removed);
  const byId = new Map(current.map((s) => [s.id, s]));
  let changed = removed.length > 0;
  for (const [position, stage] of wanted.entries()) {
    const before = stage.id === undefined ? undefined : byId.get(stage.id.toLowerCase());
    if (!before) {
      await insertStage(trx, orgId, pipelineId, stage.name, position);
      changed = true;
    } else if (before.name !== stage.name || before.position !== position) {
      await updateStage(trx, orgId, before.id, stage.name, position);
      changed = true;
    }
  }
  return changed;
}
