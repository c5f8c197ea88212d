// The Bucket object of docs/api-shapes.md and the bucket share (a Share with `bucketId` instead of `contactId`).
import { z } from 'zod';
import type { BucketView } from '../../domain/buckets/bucket-guard.ts';
import type { BucketShareRow } from '../../storage/bucket-queries.ts';
import { shareCommon, shareSchema } from './share.ts';

export const bucketSchema = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string(),
  contactCount: z.number().int().describe('every contact in the bucket, including ones the caller cannot see'),
  access: z.object({
    level: z.enum(['profile', 'view', 'collaborate', 'edit', 'owner']),
    canEdit: z.boolean().describe('rename, add and remove contacts'),
    canManage: z.boolean().describe('share, unshare, delete'),
  }),
});
export type BucketDto = z.infer<typeof bucketSchema>;

export function toBucketDto(view: BucketView): BucketDto {
  const { row, access } = view;
  const level = access.level === 'none' ? 'profile' : access.level;
  return {
    id: row.id, name: row.name, ownerId: row.owner_id, contactCount: row.contact_count,
    access: { level, canEdit: access.canEdit, canManage: access.canManage },
  };
}

export const bucketShareSchema = shareSchema.omit({ contactId: true }).extend({ bucketId: z.string() });
export type BucketShareDto = z.infer<typeof bucketShareSchema>;

export function toBucketShareDto(row: BucketShareRow, now: number): BucketShareDto {
  return { ...shareCommon(row, now), bucketId: row.bucket_id };
}

export const bucketNameSchema = z.string().trim().min(1).max(200);
