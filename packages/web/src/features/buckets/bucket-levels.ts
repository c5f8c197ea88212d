// Levels on a bucket in words (docs/permissions.md, "Buckets as a resource"): admins hold `profile` on every
// bucket, which lets them manage (share, delete) but not edit it; a share gives its level.
import type { Level, ShareLevel } from '../../api/models.ts';

export const BUCKET_LEVEL_LABEL: Record<Level, string> = {
  owner: 'Owner',
  edit: 'Edit',
  collaborate: 'Collaborate',
  view: 'View only',
  profile: 'Administrator',
};

/** What a bucket share gives, level by level: access to every contact in the bucket (spec §4). */
export const BUCKET_SHARE_EXPLANATIONS: Record<ShareLevel, string> = {
  view: 'Sees every contact in the bucket with its history and notes.',
  collaborate: 'Also messages those contacts and logs notes and calls.',
  edit: 'Also edits them, renames the bucket and adds or removes contacts.',
};
