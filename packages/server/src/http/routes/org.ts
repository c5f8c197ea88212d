// The organisation: the three team-wide switches (GET any signed-in member, PATCH admins) and branding and
// billing (PATCH admins; read through GET /me).
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdminOrThrow } from '../../domain/accounts-guards.ts';
import { updateOrgBranding } from '../../domain/org-settings-branding.ts';
import { loadOrg } from '../../domain/org-settings-load.ts';
import { updateOrgSettings } from '../../domain/org-settings-update.ts';
import type { AppDeps } from '../app.ts';
import { actorContext } from '../plugins/auth.ts';
import { orgSchema, orgSettingsSchema, serializeOrg, serializeOrgSettings } from '../serializers/org.ts';

const atLeastOne = (b: object) => Object.values(b).some((v) => v !== undefined);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const orgRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const signedIn = async (request: FastifyRequest) => { await actorContext(deps, request); };
  const adminOnly = async (request: FastifyRequest) => { requireAdminOrThrow(await actorContext(deps, request)); };

  app.get('/org/settings', {
    schema: { tags: ['org'], summary: 'The team-wide switches', response: { 200: orgSettingsSchema } },
    preValidation: signedIn,
  }, async (request) => {
    const ctx = await actorContext(deps, request);
    return serializeOrgSettings(await loadOrg(deps.db, ctx.actor.orgId));
  });

  app.patch('/org/settings', {
    schema: {
      tags: ['org'], summary: 'Change team-wide switches (admin)',
      body: z.object({ exportEnabled: z.boolean().optional(), shareAllContacts: z.boolean().optional(), membersCanArchiveDeleteShared: z.boolean().optional() })
        .strict().refine(atLeastOne, { message: 'give at least one switch' }),
      response: { 200: orgSettingsSchema },
    },
    preValidation: adminOnly,
  }, async (request) => serializeOrgSettings(await updateOrgSettings(deps, await actorContext(deps, request), request.body)));

  app.patch('/org', {
    schema: {
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
    preValidation: adminOnly,
  }, async (request) => {
    const org = await updateOrgBranding(deps, await actorContext(deps, request), request.body);
    return { org: serializeOrg(org, { withBilling: true }) };
  });
};
