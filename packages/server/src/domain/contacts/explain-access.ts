// GET /contacts/:id/access?userId= (spec §10): the effective level of a user on a contact and every active source
// behind it, from @tandem/core's explain, with names resolved (one query per kind of name). A user may ask about
// themselves on any contact they can see; the owner and admins may ask about anyone (`contact.explainOthers`).
// Asking about a user who is not in the org answers 404; a deactivated user has level `none` and no sources.
import { explain, type ActorContext, type ExplainedSource, type Level } from '@tandem/core';
import { AppError } from '../../errors.ts';
import type { Db } from '../../storage/connect.ts';
import { isUuid, loadContacts } from '../../storage/contact-queries.ts';
import { loadActorContext } from '../../storage/load-actor-context.ts';
import { loadBucketNames, loadTeamNames, loadUserNames } from '../../storage/share-queries.ts';
import { assertContactAction, loadContactOrThrow } from './contact-guard.ts';
import type { Deps } from '../shared/deps.ts';

export type NamedSource = ExplainedSource & { grantedByName?: string | null; viaTeamName?: string | null; bucketName?: string | null };
export type ExplanationView = { userId: string; level: Level; sources: NamedSource[] };

async function contextOf(db: Db, ctx: ActorContext, userId: string): Promise<ActorContext> {
  if (userId === ctx.actor.userId) return ctx;
  const target = isUuid(userId) ? await loadActorContext(db, ctx.actor.orgId, userId, ctx.now) : null;
  if (!target) throw new AppError('TANDEM_USER_NOT_FOUND');
  return target;
}

export async function withNames(db: Db, orgId: string, sources: ExplainedSource[]): Promise<NamedSource[]> {
  const [users, teams, buckets] = await Promise.all([
    loadUserNames(db, orgId, sources.map((s) => s.grantedBy)),
    loadTeamNames(db, orgId, sources.map((s) => s.viaTeamId)),
    loadBucketNames(db, orgId, sources.map((s) => s.bucketId)),
  ]);
  return sources.map((s) => ({
    ...s,
    ...(s.grantedBy !== undefined ? { grantedByName: s.grantedBy === null ? null : users.get(s.grantedBy) ?? null } : {}),
    ...(s.viaTeamId !== undefined ? { viaTeamName: teams.get(s.viaTeamId) ?? null } : {}),
    ...(s.bucketId !== undefined ? { bucketName: buckets.get(s.bucketId) ?? null } : {}),
  }));
}

export async function explainAccess(deps: Deps, ctx: ActorContext, contactId: string, userId?: string): Promise<ExplanationView> {
  const { db } = deps;
  const contact = await loadContactOrThrow(db, ctx, contactId, 'contact.view');
  const targetId = (userId ?? ctx.actor.userId).toLowerCase();
  if (targetId !== ctx.actor.userId) assertContactAction(ctx, 'contact.explainOthers', contact.facts);
  const target = await contextOf(db, ctx, targetId);
  const facts = target === ctx ? contact : (await loadContacts(db, target, [contact.row.id])).get(contact.row.id);
  if (!facts) throw new AppError('TANDEM_CONTACT_NOT_FOUND');
  const explanation = explain(target, facts.facts);
  return { userId: target.actor.userId, level: explanation.level, sources: await withNames(db, ctx.actor.orgId, explanation.sources) };
}
