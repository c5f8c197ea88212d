import type { BucketAccess } from '../../../api/models.ts';
import { Badge, type BadgeTone } from '../../../ui/Badge.tsx';
import { BUCKET_LEVEL_LABEL } from '../bucket-levels.ts';

const TONE: Record<BucketAccess['level'], BadgeTone> = { profile: 'neutral', view: 'info', collaborate: 'accent', edit: 'warning', owner: 'success' };

/** The caller's level on a bucket. */
export function BucketAccessBadge({ access }: { access: BucketAccess }) {
  return (
    <Badge tone={TONE[access.level]} testId="bucket-level">
      {BUCKET_LEVEL_LABEL[access.level]}
    </Badge>
  );
}
