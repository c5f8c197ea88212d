// The audit log (admins): newest first, keyset paged, filtered on the server; and a check of its hash chain.
import { auditCheckpointSchema, auditEntrySchema, auditListQuerySchema, auditVerificationSchema, problems } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkpointAudit, listAudit, verifyAudit } from '../../domain/audit/read-audit.ts';
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

  app.get('/audit/checkpoint', {
    schema: {
      operationId: 'checkpointAudit',
      tags: ['audit'], summary: "The chain's head signed with the server's Ed25519 audit key (admin)",
      description: 'Keep checkpoints outside the database: `tandem audit verify --checkpoint FILE` later proves the chain still holds this seq with this hash (D45). 409 TANDEM_AUDIT_CHAIN_BROKEN when the chain does not verify.',
      response: { 200: auditCheckpointSchema, ...problems(401, 403, 409) },
    },
    preValidation: adminOnlyHook,
  }, async (request) => checkpointAudit(deps, actorOf(request)));
};
