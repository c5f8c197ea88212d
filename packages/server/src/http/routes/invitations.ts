// Invitations by e-mail: admins invite, list and revoke; whoever holds a link reads what it offers and accepts it
// with a password, which creates the user and signs them in (public, like sign-up).
import { deliverySchema, emailSchema, idParams, invitationLinkSchema, invitationSchema, linkTokenSchema, nameSchema, orgSchema, pageQuerySchema, passwordSchema, problems, userSchema } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptInvitation } from '../../domain/invitations/accept-invitation.ts';
import { inviteUser } from '../../domain/invitations/invite-user.ts';
import { listInvitations } from '../../domain/invitations/list-invitations.ts';
import { readInvitationLink } from '../../domain/invitations/read-invitation-link.ts';
import { revokeInvitation } from '../../domain/invitations/revoke-invitation.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, adminOnly } from '../plugins/actor.ts';
import { limitAttempts } from '../plugins/attempt-limits.ts';
import { setSessionCookies } from '../plugins/auth.ts';
import { toInvitationDto, toInvitationLinkDto } from '../serializers/invitation.ts';
import { serializeOrg } from '../serializers/org.ts';
import { serializeUser } from '../serializers/user.ts';

export const invitationsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const adminOnlyHook = adminOnly(deps);
  const tags = ['invitations'];

  app.post('/invitations', {
    schema: {
      operationId: 'createInvitation',
      tags, summary: 'Invite someone by e-mail (admin)',
      description: 'E-mails a link that works once, for 7 days, to join the organisation with this name and role. Inviting an e-mail '
        + 'that has an open invitation replaces it (the old link stops working): that is how an invitation is sent again. An e-mail '
        + 'a user already has answers 409 TANDEM_USER_EMAIL_TAKEN. `delivery: failed` leaves the invitation open; invite again to '
        + 'send a new link. Audited as `invitation.create`. Rate limited per client address and per e-mail invited (429 '
        + 'TANDEM_RATE_LIMITED with `Retry-After`; docs/decisions.md D46).',
      body: z.object({ name: nameSchema, email: emailSchema, role: z.enum(['admin', 'member']) }).strict(),
      response: { 201: z.object({ invitation: invitationSchema, delivery: deliverySchema }), ...problems(400, 401, 403, 409, 429) },
    },
    preValidation: adminOnlyHook,
    preHandler: limitAttempts(app, deps, 'invitationCreate', 'email'),
  }, async (request, reply) => {
    const ctx = actorOf(request);
    const sent = await inviteUser(deps, ctx, request.body);
    if (sent.failure !== undefined) request.log.error({ err: sent.failure }, 'invitation e-mail could not be sent');
    return reply.status(201).send({ invitation: toInvitationDto(sent.invitation, ctx.now), delivery: sent.delivery });
  });

  app.get('/invitations', {
    schema: {
      operationId: 'listInvitations',
      tags, summary: 'Open invitations, newest first (admin)',
      description: 'Pending and expired ones; accepted and revoked ones are in the audit log. `mailDelivery` says how this server sends '
        + 'the e-mails of invitations and reset links: `sent` through SMTP, or `logged` (no SMTP_URL: written to the server log, demo '
        + 'mode), so the app can say whether an invitation will reach anyone before it is made.',
      querystring: pageQuerySchema,
      response: {
        200: z.object({ items: z.array(invitationSchema), nextCursor: z.string().nullable(), mailDelivery: z.enum(['sent', 'logged']) }),
        ...problems(400, 401, 403),
      },
    },
    preValidation: adminOnlyHook,
  }, async (request) => {
    const ctx = actorOf(request);
    const page = await listInvitations(deps, ctx, request.query);
    return { items: page.items.map((row) => toInvitationDto(row, ctx.now)), nextCursor: page.nextCursor, mailDelivery: deps.mailer.mode };
  });

  app.delete('/invitations/:id', {
    schema: {
      operationId: 'revokeInvitation',
      tags, summary: 'Revoke an open invitation: its link stops working (admin)', params: idParams,
      response: { 204: z.null().describe('Revoked'), ...problems(401, 403, 404) },
    },
    preValidation: adminOnlyHook,
  }, async (request, reply) => {
    await revokeInvitation(deps, actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.post('/invitations/lookup', {
    config: { csrfExempt: true },
    schema: {
      operationId: 'lookupInvitation',
      tags, summary: 'What an invitation link offers (anyone holding it)', security: [],
      description: 'The organisation, name, e-mail and role invited, and until when. A link that cannot be accepted (wrong, used, '
        + 'expired, revoked) answers 404 TANDEM_INVITATION_NOT_FOUND, as accepting it would.',
      body: z.object({ token: linkTokenSchema }).strict(),
      response: { 200: z.object({ invitation: invitationLinkSchema }), ...problems(400, 404) },
    },
  }, async (request) => ({ invitation: toInvitationLinkDto(await readInvitationLink(deps, { now: deps.clock.now() }, request.body.token)) }));

  app.post('/invitations/accept', {
    config: { csrfExempt: true },
    schema: {
      operationId: 'acceptInvitation',
      tags, summary: 'Accept an invitation with a password: creates the user and signs in', security: [],
      description: 'The user gets the invitation\'s e-mail and role, and its name unless `name` is given. A link works once, for 7 days, '
        + 'unless revoked; any other link answers 404 TANDEM_INVITATION_NOT_FOUND. An e-mail taken meanwhile answers 409 '
        + 'TANDEM_USER_EMAIL_TAKEN. Answers like sign-up (a session token, and the session cookies). Rate limited per client address '
        + 'and per link (429 TANDEM_RATE_LIMITED with `Retry-After`; D46).',
      body: z.object({ token: linkTokenSchema, password: passwordSchema, name: nameSchema.optional() }).strict(),
      response: { 201: z.object({ org: orgSchema, user: userSchema, token: z.string(), csrfToken: z.string() }), ...problems(400, 404, 409, 429) },
    },
    preHandler: limitAttempts(app, deps, 'invitationAccept', 'token'),
  }, async (request, reply) => {
    const { org, user, token } = await acceptInvitation(deps, { now: deps.clock.now() }, request.body);
    const csrfToken = setSessionCookies(reply, token, deps.secureCookies ?? false);
    return reply.status(201).send({ org: serializeOrg(org, { withBilling: user.role === 'admin' }), user: serializeUser(user), token, csrfToken });
  });
};
