// The parts of the template, pipeline and program answers that the three share: the caller's access (level, verbs,
// named sources) and their shares. Shapes are @tandem/api's hand-shared.ts.
import type { HandSharedAccessDto, HandSharedShareDto } from '@tandem/api';
import type { NamedHandSharedView } from '../../domain/hand-shared/hand-shared-guard.ts';
import type { HandSharedShareRow } from '../../domain/hand-shared/share-hand-shared.ts';
import { toSourceDto } from './explanation.ts';
import { shareCommon } from './share.ts';

export function toHandSharedAccessDto(view: NamedHandSharedView): HandSharedAccessDto {
  const { level, actions, sources } = view.access;
  if (level === 'none') throw new RangeError('an invisible record has no answer');
  return { level, actions, sources: sources.map(toSourceDto) };
}

/** The fields every template, pipeline and program answer has. */
export function handSharedCommon(view: NamedHandSharedView) {
  const { row } = view;
  return {
    id: row.id, name: row.name, ownerId: row.owner_id, ownerName: row.owner_name,
    createdAt: new Date(row.created_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString(),
    access: toHandSharedAccessDto(view),
  };
}

export function toHandSharedShareDto(row: HandSharedShareRow, now: number): HandSharedShareDto {
  const common = shareCommon({ ...row }, now);
  return { ...common, level: common.level === 'edit' ? 'edit' : 'view', resourceId: row.resource_id };
}
