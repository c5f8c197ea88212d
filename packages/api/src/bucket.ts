// The Bucket object of docs/api-shapes.md and the bucket share (a Share with `bucketId` instead of `contactId`).
import { z } from 'zod';
import { shareSchema } from './share.ts';

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

export const bucketShareSchema = shareSchema.omit({ contactId: true }).extend({ bucketId: z.string() });
export type BucketShareDto = z.infer<typeof bucketShareSchema>;

export const bucketNameSchema = z.string().trim().min(1).max(200);
