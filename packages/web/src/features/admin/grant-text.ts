// Grants in words: whether one gives anything now, and its window ("from 3 May", "until 9 May 17:00", "ended").
import type { Grant } from '../../api/models.ts';
import { formatDateTime } from '../../lib/format.ts';

export type GrantTiming = 'active' | 'future' | 'ended';

export function timingOf(grant: Pick<Grant, 'startsAt' | 'expiresAt'>, now: number = Date.now()): GrantTiming {
  if (grant.expiresAt && Date.parse(grant.expiresAt) <= now) return 'ended';
  if (grant.startsAt && Date.parse(grant.startsAt) > now) return 'future';
  return 'active';
}

/** The window of a grant in words; null when it has none (from now until revoked). */
export function windowText(grant: Pick<Grant, 'startsAt' | 'expiresAt'>, now: number = Date.now()): string | null {
  const timing = timingOf(grant, now);
  if (timing === 'ended') return `ended ${formatDateTime(grant.expiresAt)}`;
  const from = timing === 'future' && grant.startsAt ? `from ${formatDateTime(grant.startsAt)}` : null;
  const until = grant.expiresAt ? `until ${formatDateTime(grant.expiresAt)}` : null;
  return [from, until].filter(Boolean).join(' ') || null;
}
