// A page left open after a share expires must stop offering what the share gave (issue 10, defect 12). The caller's
// own explanation lists each active source with its end; when the first of them ends, the contact (its level and
// actions) and the explanation are read again, so the composer and the actions bar follow at that moment. The
// contact's own one-minute refresh and the refresh after a 403/404 answer cover what no end date announces
// (a share revoked, a grant removed).
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { refreshContact } from '../../contacts/hooks/useContact.ts';
import { useExplain } from './useExplain.ts';

/** A day: later ends are left to the periodic refresh (and setTimeout's limit). */
const HORIZON_MS = 86_400_000;

export function firstEnd(ends: readonly (string | null | undefined)[], now: number): number | null {
  const times = ends.map((e) => (e ? Date.parse(e) : Number.NaN)).filter((t) => Number.isFinite(t) && t > now);
  return times.length ? Math.min(...times) : null;
}

export function useRefreshWhenAccessEnds(contactId: string, userId: string): void {
  const client = useQueryClient();
  const explanation = useExplain(contactId, userId);
  const sources = explanation.data?.sources;
  useEffect(() => {
    const end = firstEnd((sources ?? []).map((s) => s.expiresAt), Date.now());
    if (end === null || end - Date.now() > HORIZON_MS) return;
    const timer = window.setTimeout(() => void refreshContact(client, contactId), end - Date.now() + 250);
    return () => window.clearTimeout(timer);
  }, [sources, client, contactId]);
}
