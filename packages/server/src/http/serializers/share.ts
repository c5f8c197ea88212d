// The Share object of docs/api-shapes.md (record shares) and the share inputs. `active` is computed by
// @tandem/core's window rule, and is false while the grantee user is deactivated (spec §4: active sources only).
import { isWithinWindow, SHARE_LEVELS } from '@tandem/core';
import { z } from 'zod';
import { shareLevelOf } from '../../domain/shares/share-snapshot.ts';
import type { ShareWithGrantee } from '../../storage/share-queries.ts';
import { granteeSchema, instantSchema } from '../schemas.ts';

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());
const ms = (d: Date | null): number | null => (d === null ? null : new Date(d).getTime());

const timestamp = instantSchema;

export const shareSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  grantee: granteeSchema,
  granteeName: z.string().nullable(),
  level: z.enum(SHARE_LEVELS),
  startsAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  active: z.boolean(),
});
export type ShareDto = z.infer<typeof shareSchema>;

/** Shared by record shares and bucket shares. */
export type ShareLikeRow = Omit<ShareWithGrantee, 'contact_id'>;

export function shareCommon(row: ShareLikeRow, now: number) {
  return {
    id: row.id,
    grantee: row.grantee_user_id ? { userId: row.grantee_user_id } : { teamId: row.grantee_team_id ?? '' },
    granteeName: row.grantee_name,
    level: shareLevelOf(row.level),
    startsAt: iso(row.starts_at),
    expiresAt: iso(row.expires_at),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    active: row.grantee_active && isWithinWindow({ startsAt: ms(row.starts_at), expiresAt: ms(row.expires_at) }, now),
  };
}

export function toShareDto(row: ShareWithGrantee, now: number): ShareDto {
  return { ...shareCommon(row, now), contactId: row.contact_id };
}

export const newShareSchema = z.object({
  grantee: granteeSchema,
  level: z.enum(SHARE_LEVELS),
  startsAt: timestamp.nullable().optional(),
  expiresAt: timestamp.nullable().optional(),
}).strict();

export const sharePatchSchema = z.object({
  level: z.enum(SHARE_LEVELS).optional(),
  startsAt: timestamp.nullable().optional(),
  expiresAt: timestamp.nullable().optional(),
}).strict();
