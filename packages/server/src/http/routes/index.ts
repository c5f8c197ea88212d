// Every /api/v1 resource, registered in one place. Each file owns one resource.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.ts';
import { accessReviewRoutes } from './access-review.ts';
import { auditRoutes } from './audit.ts';
import { bucketsRoutes } from './buckets.ts';
import { calendarItemsRoutes } from './calendar-items.ts';
import { calendarsRoutes } from './calendars.ts';
import { contactAccessRoutes } from './contact-access.ts';
import { contactHistoryRoutes } from './contact-history.ts';
import { contactSharesRoutes } from './contact-shares.ts';
import { contactsRoutes } from './contacts.ts';
import { contactsExportRoutes } from './contacts-export.ts';
import { grantsRoutes } from './grants.ts';
import { handSharedSharesRoutes } from './hand-shared-shares.ts';
import { importsRoutes } from './imports.ts';
import { integrationsRoutes } from './integrations.ts';
import { inboundRoutes } from './inbound.ts';
import { invitationsRoutes } from './invitations.ts';
import { meRoutes } from './me.ts';
import { orgRoutes } from './org.ts';
import { passwordResetsRoutes } from './password-resets.ts';
import { pipelinesRoutes } from './pipelines.ts';
import { programsRoutes } from './programs.ts';
import { sessionsRoutes } from './sessions.ts';
import { signupRoutes } from './signup.ts';
import { teamsRoutes } from './teams.ts';
import { templatesRoutes } from './templates.ts';
import { tokensRoutes } from './tokens.ts';
import { usersRoutes } from './users.ts';

export async function registerApiRoutes(api: FastifyInstance, deps: AppDeps): Promise<void> {
  void api;
  void deps;
  // Accounts and administration.
  await api.register(signupRoutes, { deps });
  await api.register(sessionsRoutes, { deps });
  await api.register(meRoutes, { deps });
  await api.register(passwordResetsRoutes, { deps });
  await api.register(invitationsRoutes, { deps });
  await api.register(usersRoutes, { deps });
  await api.register(teamsRoutes, { deps });
  await api.register(orgRoutes, { deps });
  await api.register(grantsRoutes, { deps });
  await api.register(auditRoutes, { deps });
  await api.register(tokensRoutes, { deps });
  await api.register(accessReviewRoutes, { deps });
  // Contacts and everything on them.
  await api.register(contactsRoutes, { deps });
  await api.register(contactsExportRoutes, { deps });
  await api.register(contactSharesRoutes, { deps });
  await api.register(contactHistoryRoutes, { deps });
  await api.register(inboundRoutes, { deps });
  await api.register(contactAccessRoutes, { deps });
  await api.register(bucketsRoutes, { deps });
  await api.register(importsRoutes, { deps });
  await api.register(integrationsRoutes, { deps });
  // Calendars, tasks and events, and their feeds.
  await api.register(calendarsRoutes, { deps });
  await api.register(calendarItemsRoutes, { deps });
  // Templates, pipelines and programs (shared by hand), and their shares.
  await api.register(templatesRoutes, { deps });
  await api.register(pipelinesRoutes, { deps });
  await api.register(programsRoutes, { deps });
  await api.register(handSharedSharesRoutes, { deps });
}
