// The audit log (admins): newest first, keyset paged, filtered on the server; and a check of its hash chain.
import { auditEntrySchema, auditListQuerySchema, auditVerificationSchema, problems } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAudit, verifyAudit } from '../../domain/audit/read-audit.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, adminOnly } from '../plugins/actor.ts';

export const auditRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const adminOnlyHook = adminOnly(deps);

  app.get('/audit', {
    schema: {
      operationId: 'listAudit',
      tags: ['audit'], summary: 'The audit log, newest first, filtered by actor, action (exact or a prefix ending in a dot), target and time (admin)',
      description: 'Filters combine with AND. A cursor is valid under the filters it was given out with (others answer 400 TANDEM_LIST_CURSOR_MISMATCH).',
      querystring: auditListQuerySchema,
      response: { 200: z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() }), ...problems(400, 401, 403) },
    },
    preValidation: adminOnlyHook,
  }, async (request) => {
    const page = await listAudit(deps, actorOf(request), request.query);
    return { items: page.items.map((e) => ({ ...e, at: new Date(e.at).toISOString(), before: e.before ?? null, after: e.after ?? null })), nextCursor: page.nextCursor };
  });

  app.get('/audit/verify', {
    schema: {
      operationId: 'verifyAudit',
      tags: ['audit'], summary: "Recompute the log's hash chain (admin)",
      response: { 200: auditVerificationSchema },
    },
    preValidation: adminOnlyHook,
  }, async (request) => verifyAudit(deps, actorOf(request)));
};
