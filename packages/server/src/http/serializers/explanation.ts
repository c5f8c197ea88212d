// The Explanation object of docs/api-shapes.md (GET /contacts/:id/access): a level and its active sources.
import { LEVELS } from '@tandem/core';
import { z } from 'zod';
import type { ExplanationView } from '../../domain/contacts/explain-access.ts';

const iso = (ms: number | null | undefined): string | null | undefined => (ms === undefined ? undefined : ms === null ? null : new Date(ms).toISOString());

export const explanationSchema = z.object({
  userId: z.string(),
  level: z.enum(LEVELS),
  sources: z.array(z.object({
    kind: z.enum(['owner', 'admin', 'share_all', 'user_grant', 'bucket_share', 'record_share']),
    level: z.enum(LEVELS),
    id: z.string().optional(),
    grantedBy: z.string().nullable().optional(),
    grantedByName: z.string().nullable().optional(),
    grantedAt: z.string().nullable().optional(),
    startsAt: z.string().nullable().optional(),
    expiresAt: z.string().nullable().optional(),
    viaTeamId: z.string().optional(),
    viaTeamName: z.string().nullable().optional(),
    bucketId: z.string().optional(),
    bucketName: z.string().nullable().optional(),
    ownerId: z.string().optional(),
  })),
});
export type ExplanationDto = z.infer<typeof explanationSchema>;

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
