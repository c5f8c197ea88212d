// The audit log (admins): newest first, keyset paged, filtered on the server; and a check of its hash chain, alone or
// against a signed checkpoint kept outside the database.
import { auditCheckpointSchema, auditCheckpointVerificationSchema, auditEntrySchema, auditListQuerySchema, auditVerificationSchema, problems } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkpointAudit, listAudit, verifyAudit, verifyAuditWithCheckpoint } from '../../domain/audit/read-audit.ts';
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

  app.post('/audit/verify', {
    schema: {
      operationId: 'verifyAuditCheckpoint',
      tags: ['audit'], summary: "Recompute the log's hash chain and check a signed checkpoint against it (admin)",
      description: 'The body is a checkpoint as GET /audit/checkpoint or `tandem audit checkpoint [--signing-key FILE]` made it. It holds when it is signed by the server\'s key or by the org\'s offline key (TANDEM_AUDIT_PUBLIC_KEY) and the chain still has its seq with its hash; `valid` is the chain intact and the checkpoint matching (D51). A checkpoint of another org answers 400 TANDEM_AUDIT_CHECKPOINT_OTHER_ORG.',
      body: auditCheckpointSchema,
      response: { 200: auditCheckpointVerificationSchema, ...problems(400, 401, 403) },
    },
    preValidation: adminOnlyHook,
  }, async (request) => verifyAuditWithCheckpoint(deps, actorOf(request), request.body));
};
