import type { Level } from '../../../api/models.ts';
import { LEVEL_LABEL } from '../../../lib/format.ts';
import { Badge, type BadgeTone } from '../../../ui/Badge.tsx';

const TONE: Record<Level | 'none', BadgeTone> = { none: 'neutral', profile: 'neutral', view: 'info', collaborate: 'accent', edit: 'warning', owner: 'success' };

export function LevelBadge({ level }: { level: Level | 'none' }) {
  return (
    <Badge tone={TONE[level]} testId="level-badge">
      {LEVEL_LABEL[level]}
    </Badge>
  );
}
