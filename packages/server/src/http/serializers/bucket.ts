// Bucket and bucket-share answers from domain views; the shapes are @tandem/api's bucket.ts.
import type { BucketDto, BucketShareDto } from '@tandem/api';
import type { BucketView } from '../../domain/buckets/bucket-guard.ts';
import type { BucketShareRow } from '../../storage/bucket-queries.ts';
import { shareCommon } from './share.ts';

export function toBucketDto(view: BucketView): BucketDto {
  const { row, access } = view;
  const level = access.level === 'none' ? 'profile' : access.level;
  return {
    id: row.id, name: row.name, ownerId: row.owner_id, contactCount: row.contact_count,
    access: { level, canEdit: access.canEdit, canManage: access.canManage },
  };
}

export function toBucketShareDto(row: BucketShareRow, now: number): BucketShareDto {
  return { ...shareCommon(row, now), bucketId: row.bucket_id };
}
