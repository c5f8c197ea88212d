// The access review (issue 13 item 5, D38): for one user, every contact they see with level and sources; for the org,
// users × owners and users × buckets. Admins only (403 TANDEM_ACCESS_ADMIN_ONLY for members). `?format=csv|xlsx`
// answers the same review as a file instead, and is audited (`access_review.export`).
import { ACCESS_REVIEW_FORMATS, accessMatrixSchema, listQuerySchema, problems, userAccessReviewSchema } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { accessMatrix } from '../../domain/access-review/access-matrix.ts';
import { matrixFile, userReviewFile, type ReviewFile } from '../../domain/access-review/review-files.ts';
import { reviewUserAccess } from '../../domain/access-review/review-user.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, signedIn } from '../plugins/actor.ts';
import { toAccessMatrixDto, toUserAccessReviewDto } from '../serializers/access-review.ts';

const format = z.enum(ACCESS_REVIEW_FORMATS).optional().describe('csv or xlsx: download the whole review as a file (audited) instead of JSON');
const FILE_NOTE = 'With `format`, the answer is the file (text/csv or the xlsx type) as an attachment, and the download is audited.';

function sendFile(reply: FastifyReply, file: ReviewFile) {
  return reply.type(file.mediaType).header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('cache-control', 'private, no-store')
    // A Buffer is sent as it is (Fastify never serializes one); the 200 schema documents the JSON answer.
    .send(file.body);
}

export const accessReviewRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/access-review/users/:userId', {
    schema: {
      operationId: 'reviewUserAccess',
      tags: ['access-review'], summary: 'Every contact one user can see, with the level and sources (admins)',
      description: `Keyset pages by contact name; each row's level and sources are those GET /contacts/{id}/access gives for that user. ${FILE_NOTE}`,
      params: z.object({ userId: z.string().max(100) }),
      querystring: z.object({ ...listQuerySchema, format }),
      response: { 200: userAccessReviewSchema, ...problems(400, 401, 403, 404) },
    },
    preValidation: signedIn(deps),
  }, async (request, reply) => {
    const ctx = actorOf(request);
    const { limit, cursor, format: as } = request.query;
    if (as) return sendFile(reply, await userReviewFile(deps, ctx, request.params.userId, as));
    return toUserAccessReviewDto(await reviewUserAccess(deps, ctx, request.params.userId, { limit, ...(cursor ? { cursor } : {}) }));
  });

  app.get('/access-review/matrix', {
    schema: {
      operationId: 'accessMatrix',
      tags: ['access-review'], summary: 'Users × owners and users × buckets, with levels (admins)',
      description: `Cells are defined in docs/permissions.md ("Access review"). ${FILE_NOTE}`,
      querystring: z.object({ format }),
      response: { 200: accessMatrixSchema, ...problems(400, 401, 403) },
    },
    preValidation: signedIn(deps),
  }, async (request, reply) => {
    const ctx = actorOf(request);
    if (request.query.format) return sendFile(reply, await matrixFile(deps, ctx, request.query.format));
    return toAccessMatrixDto(await accessMatrix(deps, ctx));
  });
};
