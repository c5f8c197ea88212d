// The Grant object (user grant, set on the Users page) of docs/api-shapes.md, plus `active`: whether its window
// is open now (computed by @tandem/core; a deactivated grantee still makes the grant give nothing).
import { isWithinWindow, levelFromRank } from '@tandem/core';
import { z } from 'zod';
import { toIso } from '../../domain/shared/time.ts';
import type { GrantRow } from '../../storage/rows.ts';
import { granteeSchema } from '../schemas.ts';

export const grantSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  grantee: granteeSchema,
  scope: z.enum(['contacts', 'calendar']),
  level: z.enum(['view', 'edit']),
  startsAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  active: z.boolean(),
});
export type GrantDto = z.infer<typeof grantSchema>;

export function serializeGrant(row: GrantRow, now: number): GrantDto {
  const ms = (d: Date | null) => (d === null ? null : new Date(d).getTime());
  return {
    id: row.id,
    ownerId: row.owner_id,
    grantee: row.grantee_user_id ? { userId: row.grantee_user_id } : { teamId: row.grantee_team_id as string },
    scope: row.scope,
    level: levelFromRank(row.level) as GrantDto['level'],
    startsAt: toIso(row.starts_at),
    expiresAt: toIso(row.expires_at),
    createdBy: row.created_by,
    createdAt: toIso(row.created_at) as string,
    active: isWithinWindow({ startsAt: ms(row.starts_at), expiresAt: ms(row.expires_at) }, now),
  };
}
