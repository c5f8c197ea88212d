// The Explanation answer (GET /contacts/:id/access) from a domain view; the shape is @tandem/api's explanation.ts.
import type { ExplanationDto } from '@tandem/api';
import type { ExplanationView } from '../../domain/contacts/explain-access.ts';

const iso = (ms: number | null | undefined): string | null | undefined => (ms === undefined ? undefined : ms === null ? null : new Date(ms).toISOString());

export function toExplanationDto(view: ExplanationView): ExplanationDto {
  return {
    userId: view.userId,
    level: view.level,
    sources: view.sources.map(({ grantedAt, startsAt, expiresAt, ...rest }) => {
      const times = { grantedAt: iso(grantedAt), startsAt: iso(startsAt), expiresAt: iso(expiresAt) };
      return { ...rest, ...Object.fromEntries(Object.entries(times).filter(([, v]) => v !== undefined)) };
    }),
  };
}
