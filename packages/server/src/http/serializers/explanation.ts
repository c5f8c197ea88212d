// The Explanation answer (GET /contacts/:id/access) from a domain view; the shape is @tandem/api's explanation.ts.
import type { AccessHoldersDto, ExplanationDto, ExplanationSource } from '@tandem/api';
import type { AccessHolders } from '../../domain/access/access-holders.ts';
import type { ExplanationView, NamedSource } from '../../domain/contacts/explain-access.ts';

const iso = (ms: number | null | undefined): string | null | undefined => (ms === undefined ? undefined : ms === null ? null : new Date(ms).toISOString());

/** One source as both answers show it: times as ISO strings, absent ones left out. */
export function toSourceDto({ grantedAt, startsAt, expiresAt, ...rest }: NamedSource): ExplanationSource {
  const times = { grantedAt: iso(grantedAt), startsAt: iso(startsAt), expiresAt: iso(expiresAt) };
  return { ...rest, ...Object.fromEntries(Object.entries(times).filter(([, v]) => v !== undefined)) };
}

export function toExplanationDto(view: ExplanationView): ExplanationDto {
  return { userId: view.userId, level: view.level, sources: view.sources.map(toSourceDto) };
}

/** GET /contacts/:id/access/holders: each holder's and team's sources exactly as GET /contacts/:id/access shows them. */
export function toAccessHoldersDto(view: AccessHolders): AccessHoldersDto {
  return {
    contactId: view.contactId,
    holders: view.holders.map((h) => ({ ...h, sources: h.sources.map(toSourceDto) })),
    teams: view.teams.map((t) => ({ ...t, sources: t.sources.map(toSourceDto) })),
  };
}
