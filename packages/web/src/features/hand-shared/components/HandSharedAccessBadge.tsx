// The caller's access to a template, pipeline or program as a badge: Owner, Can change, Can use, Admin.
import { Badge, type BadgeTone } from '../../../ui/Badge.tsx';
import { accessBadgeLabel, type HandSharedAccess } from '../hand-shared-text.ts';

const TONE: Record<string, BadgeTone> = { Owner: 'success', 'Can change': 'accent', 'Can use': 'neutral', Admin: 'info' };

export function HandSharedAccessBadge({ access }: { access: Pick<HandSharedAccess, 'level' | 'actions' | 'sources'> }) {
  const label = accessBadgeLabel(access);
  return (
    <Badge tone={TONE[label] ?? 'neutral'} testId="access-badge" title={`Your access: ${label}`}>
      {label}
    </Badge>
  );
}
