// The organisation: the three team-wide switches (GET any signed-in member, PATCH admins) and branding and
// billing (PATCH admins; read through GET /me).
import { inboundSecretSchema, orgSchema, orgSettingsSchema, problems } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { updateOrgBranding } from '../../domain/org/update-branding.ts';
import { ensureInboundSecret, rotateInboundSecret } from '../../domain/inbound/inbound-secret.ts';
import { loadOrgSettings } from '../../domain/org/load-org.ts';
import { updateOrgSettings } from '../../domain/org/update-settings.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, adminOnly, signedIn } from '../plugins/actor.ts';
import { serializeOrg, serializeOrgSettings } from '../serializers/org.ts';

const atLeastOne = (b: object) => Object.values(b).some((v) => v !== undefined);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const orgRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const signedInHook = signedIn(deps);
  const adminOnlyHook = adminOnly(deps);

  app.get('/org/settings', {
    schema: {
      operationId: 'getSettings', tags: ['org'], summary: 'The team-wide switches',
      description: 'Admins also see `inboundSecret`, the key that signs inbound replies (made on first read if the org has none).',
      response: { 200: orgSettingsSchema },
    },
    preValidation: signedInHook,
  }, async (request) => {
    const { org, inboundSecret } = await loadOrgSettings(deps, actorOf(request));
    return serializeOrgSettings(org, inboundSecret);
  });

  app.patch('/org/settings', {
    schema: {
      operationId: 'updateSettings',
      tags: ['org'], summary: 'Change team-wide switches (admin)',
      body: z.object({ exportEnabled: z.boolean().optional(), shareAllContacts: z.boolean().optional(), membersCanArchiveDeleteShared: z.boolean().optional() })
        .strict().refine(atLeastOne, { message: 'give at least one switch' }),
      response: { 200: orgSettingsSchema },
    },
    preValidation: adminOnlyHook,
  }, async (request) => {
    const ctx = actorOf(request);
    const org = await updateOrgSettings(deps, ctx, request.body);
    return serializeOrgSettings(org, await ensureInboundSecret(deps, ctx.actor.orgId));
  });

  app.post('/org/inbound-secret', {
    schema: {
      operationId: 'rotateInboundSecret',
      tags: ['org'], summary: 'Replace the inbound secret (admin)',
      description: 'Makes a new secret for signed inbound replies; the old one stops working at once. Audited as '
        + '`org.inbound_secret.rotate` (without the secret). Send `{}` or no body.',
      response: { 200: inboundSecretSchema, ...problems(401, 403) },
    },
    preValidation: adminOnlyHook,
  }, async (request) => ({ inboundSecret: await rotateInboundSecret(deps, actorOf(request)) }));

  app.patch('/org', {
    schema: {
      operationId: 'updateOrg',
      tags: ['org'], summary: 'Change branding and billing details (admin)',
      description: 'Billing is merged field by field: a field left out keeps its value, `null` clears it.',
      body: z.object({
        name: z.string().trim().min(1).max(100).optional(),
        accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb').optional(),
        billing: z.object({
          contactName: optionalText(200), email: z.email().max(254).nullable().optional(),
          address: optionalText(1000), vatId: optionalText(50),
        }).strict().optional(),
      }).strict().refine(atLeastOne, { message: 'give at least one of name, accentColor, billing' }),
      response: { 200: z.object({ org: orgSchema }) },
    },
    preValidation: adminOnlyHook,
  }, async (request) => {
    const org = await updateOrgBranding(deps, actorOf(request), request.body);
    return { org: serializeOrg(org, { withBilling: true }) };
  });
};
