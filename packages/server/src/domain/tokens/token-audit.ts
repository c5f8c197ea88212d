// Audit snapshot of an API token (spec §10): its name and expiry, never its secret or hash.
import type { TokenRow } from '../../storage/rows.ts';
import { toIso } from '../shared/time.ts';

export type TokenSnapshot = { name: string | null; expiresAt: string | null };

export function tokenSnapshot(row: Pick<TokenRow, 'name' | 'expires_at'>): TokenSnapshot {
  return { name: row.name, expiresAt: toIso(row.expires_at) };
}
