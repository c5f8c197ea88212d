// The access review (issue 13 item 5, docs/decisions.md D38), for admins: every contact one user can see with the
// level and sources GET /contacts/:id/access would give, and the org's matrix of users × owners and users × buckets.
import { LEVELS } from '@tandem/core';
import { z } from 'zod';
import { explanationSourceSchema } from './explanation.ts';

export const ACCESS_REVIEW_FORMATS = ['csv', 'xlsx'] as const;
export type AccessReviewFormat = (typeof ACCESS_REVIEW_FORMATS)[number];

const reviewedUserSchema = z.object({
  id: z.string(), name: z.string(), role: z.enum(['admin', 'member']), status: z.enum(['active', 'deactivated']),
});

export const userAccessReviewSchema = z.object({
  user: reviewedUserSchema,
  items: z.array(z.object({
    contactId: z.string(),
    name: z.string(),
    ownerId: z.string(),
    ownerName: z.string(),
    state: z.enum(['active', 'archived']),
    level: z.enum(LEVELS).exclude(['none']),
    sources: z.array(explanationSourceSchema),
  })).describe('the contacts the user sees (active and archived, not the trash), by name'),
  nextCursor: z.string().nullable(),
});
export type UserAccessReviewDto = z.infer<typeof userAccessReviewSchema>;
export type ReviewedContactDto = UserAccessReviewDto['items'][number];

const cellSourceSchema = z.object({ kind: z.enum(['owner', 'admin', 'share_all', 'user_grant']), level: z.enum(LEVELS) });

export const accessMatrixSchema = z.object({
  users: z.array(reviewedUserSchema).describe('every user of the organisation, by name; the rows of both matrices'),
  owners: z.array(z.object({ id: z.string(), name: z.string() })).describe('every user as an owner of contacts, by name; the columns of `ownerCells`'),
  buckets: z.array(z.object({ id: z.string(), name: z.string(), ownerId: z.string() })).describe('every bucket, by name; the columns of `bucketCells`'),
  ownerCells: z.array(z.array(z.object({ level: z.enum(LEVELS), sources: z.array(cellSourceSchema) })))
    .describe('[user][owner]: the level the user has on EVERY live contact of the owner (owner, admin, share-all, user grants), and its sources; record and bucket shares add to it contact by contact'),
  bucketCells: z.array(z.array(z.enum(LEVELS))).describe('[user][bucket]: the highest level an active share of the bucket gives the user (directly or through a team) on its contacts; none when none'),
});
export type AccessMatrixDto = z.infer<typeof accessMatrixSchema>;
