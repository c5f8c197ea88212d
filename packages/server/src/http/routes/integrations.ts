// Sync channels (spec §9 `mailchimp_sync`, `google_contacts_sync`; D39): the caller's own connections to Mailchimp and
// Google Contacts, their runs and progress. The gate is the export's (403 TANDEM_EXPORT_DISABLED /
// TANDEM_EXPORT_CHANNEL_BLOCKED) on connecting and on starting a run; reading and disconnecting are always allowed.
import {
  googleContactsConnectSchema, integrationSchema, mailchimpConnectSchema, problems, syncRunSchema, type SyncProvider,
} from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { connectIntegration } from '../../domain/sync/connect-integration.ts';
import { disconnectIntegration } from '../../domain/sync/disconnect-integration.ts';
import { getSyncRun } from '../../domain/sync/get-sync-run.ts';
import { integrationView, listIntegrations } from '../../domain/sync/list-integrations.ts';
import { listSyncRuns, RUNS_PAGE_DEFAULT, RUNS_PAGE_MAX } from '../../domain/sync/list-sync-runs.ts';
import { startSyncRun } from '../../domain/sync/start-sync-run.ts';
import { providerOrThrow } from '../../domain/sync/sync-guard.ts';
import { AppError } from '../../errors.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, signedIn } from '../plugins/actor.ts';
import { toIntegrationDto, toSyncRunDto } from '../serializers/integration.ts';

const providerParam = z.object({ provider: z.string().max(50).describe('`mailchimp` or `google_contacts`; any other answers 404 TANDEM_NOT_FOUND') });
const GATE = 'Allowed to admins, and to members when the team switch is on and the provider\'s channel (`mailchimp_sync`, `google_contacts_sync`) '
  + 'is among their export channels: otherwise 403 `TANDEM_EXPORT_DISABLED` (switch off) or `TANDEM_EXPORT_CHANNEL_BLOCKED`.';
const CONNECT_BODIES: Record<SyncProvider, z.ZodType<Record<string, string>>> = {
  mailchimp: mailchimpConnectSchema, google_contacts: googleContactsConnectSchema,
};

/** The body checked by the provider's own schema (a Mailchimp body sent to google_contacts is a 400). */
function connectFields(provider: SyncProvider, body: unknown): Record<string, string> {
  const parsed = CONNECT_BODIES[provider].safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new AppError('TANDEM_INPUT_INVALID', `Not a ${provider} connection: ${issues.map((i) => `${i.path || 'body'}: ${i.message}`).join('; ')}`, { issues });
}

export const integrationsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const signedInHook = signedIn(deps);

  app.get('/integrations', {
    schema: {
      operationId: 'listIntegrations', tags: ['integrations'], summary: 'Your sync connections (Mailchimp, Google Contacts)',
      description: 'Both providers, always: whether you may use each now (`allowed`, and `refusal` naming the missing half of the gate), your connection and its latest run. Never a credential.',
      response: { 200: z.object({ integrations: z.array(integrationSchema) }), ...problems(401) },
    },
    preValidation: signedInHook,
  }, async (request) => ({ integrations: (await listIntegrations(deps, actorOf(request))).map(toIntegrationDto) }));

  app.put('/integrations/:provider', {
    schema: {
      operationId: 'connectIntegration', tags: ['integrations'], summary: 'Connect (or reconnect) your account at a provider',
      description: `Mailchimp: \`{apiKey, audienceId, newMemberStatus?}\`; Google Contacts: \`{clientId, clientSecret, refreshToken}\`. ${GATE} `
        + 'The provider checks the credentials first: 400 `TANDEM_INTEGRATION_CREDENTIALS_REJECTED` or `TANDEM_INTEGRATION_UNREACHABLE`, and nothing is stored. '
        + 'Credentials are stored encrypted and never answered. 409 `TANDEM_SYNC_RUNNING` while a run is queued or running. Audited (`integration.connect`).',
      params: providerParam,
      body: z.union([mailchimpConnectSchema, googleContactsConnectSchema]),
      response: { 200: z.object({ integration: integrationSchema }), ...problems(400, 401, 403, 404, 409) },
    },
    preValidation: signedInHook,
  }, async (request) => {
    const ctx = actorOf(request);
    const provider = providerOrThrow(request.params.provider);
    await connectIntegration(deps, ctx, { provider, fields: connectFields(provider, request.body) });
    return { integration: toIntegrationDto(await integrationView(deps, ctx, provider)) };
  });

  app.delete('/integrations/:provider', {
    schema: {
      operationId: 'disconnectIntegration', tags: ['integrations'], summary: 'Disconnect: forget your credentials, runs and links at this provider',
      description: 'A queued or running run ends `stopped` (`disconnected`). Nothing is removed at the provider. Audited (`integration.disconnect`).',
      params: providerParam,
      response: { 204: z.null().describe('Disconnected'), ...problems(401, 404) },
    },
    preValidation: signedInHook,
  }, async (request, reply) => {
    await disconnectIntegration(deps, actorOf(request), providerOrThrow(request.params.provider));
    return reply.status(204).send(null);
  });

  app.post('/integrations/:provider/runs', {
    schema: {
      operationId: 'startSyncRun', tags: ['integrations'], summary: 'Sync now: queue a run that pushes the contacts you see at view',
      description: `${GATE} 404 \`TANDEM_INTEGRATION_NOT_CONNECTED\` without a connection; 409 \`TANDEM_SYNC_RUNNING\` while one is queued or running. `
        + 'The run pushes your active contacts in chunks and stops (`stopped`, with `stopReason`) when the gate closes or your account is deactivated mid-run. Audited when it ends (`sync.run`).',
      params: providerParam,
      response: { 202: z.object({ run: syncRunSchema }), ...problems(401, 403, 404, 409) },
    },
    preValidation: signedInHook,
  }, async (request, reply) => {
    const run = await startSyncRun(deps, actorOf(request), providerOrThrow(request.params.provider));
    return reply.status(202).send({ run: toSyncRunDto(run) });
  });

  app.get('/integrations/:provider/runs', {
    schema: {
      operationId: 'listSyncRuns', tags: ['integrations'], summary: 'Your runs of this integration, newest first',
      params: providerParam,
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(RUNS_PAGE_MAX).default(RUNS_PAGE_DEFAULT) }),
      response: { 200: z.object({ runs: z.array(syncRunSchema) }), ...problems(400, 401, 404) },
    },
    preValidation: signedInHook,
  }, async (request) => {
    const runs = await listSyncRuns(deps, actorOf(request), { provider: providerOrThrow(request.params.provider), limit: request.query.limit });
    return { runs: runs.map(toSyncRunDto) };
  });

  app.get('/integrations/:provider/runs/:runId', {
    schema: {
      operationId: 'getSyncRun', tags: ['integrations'], summary: 'One of your runs: status and progress',
      params: providerParam.extend({ runId: z.string().max(100) }),
      response: { 200: z.object({ run: syncRunSchema }), ...problems(401, 404) },
    },
    preValidation: signedInHook,
  }, async (request) => {
    const run = await getSyncRun(deps, actorOf(request), { provider: providerOrThrow(request.params.provider), runId: request.params.runId });
    return { run: toSyncRunDto(run) };
  });
};
