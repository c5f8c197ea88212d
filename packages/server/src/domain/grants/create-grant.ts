// POST /users/:ownerId/grants (admin): the grantee's `view` or `edit` access to the owner's contacts or calendar
// (spec §4, §7, §8), with an optional window. Owner and grantee must be of the org and differ. There is at most
// one grant per (owner, grantee, scope): a second one replaces the first (the old row is deleted and a new one
// made, so `createdBy`/`createdAt` tell who decided the access in force); audited as `grant.create` or
// `grant.replace` with the old grant as `before`.
import { levelRank, type ActorContext, type GrantLevel } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { serializeGrant, type GrantRow } from '../../http/serializers/grant.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { lockOrgAsAdmin, requireAdminOrThrow } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { ensureGranteeInOrg, GRANT_COLUMNS, type Grantee } from './grant-guard.ts';
import { loadUserOrThrow } from '../users/user-guard.ts';

export type NewGrant = { grantee: Grantee; scope: 'contacts' | 'calendar'; level: GrantLevel; startsAt?: string | null; expiresAt?: string | null };

function checkWindow(input: NewGrant, now: number): void {
  const starts = input.startsAt ? Date.parse(input.startsAt) : null;
  const expires = input.expiresAt ? Date.parse(input.expiresAt) : null;
  if (expires !== null && starts !== null && expires <= starts) throw new AppError('TANDEM_INPUT_INVALID', 'expiresAt: must be after startsAt');
  if (expires !== null && expires <= now) throw new AppError('TANDEM_INPUT_INVALID', 'expiresAt: must be in the future');
}

export async function createGrant(deps: Deps, ctx: ActorContext, ownerId: string, input: NewGrant): Promise<GrantRow> {
  requireAdminOrThrow(ctx);
  const orgId = ctx.actor.orgId;
  const now = ctx.now;
  checkWindow(input, now);
  return deps.db.transaction().execute(async (trx) => {
    await lockOrgAsAdmin(trx, ctx);
    const owner = await loadUserOrThrow(trx, orgId, ownerId);
    await ensureGranteeInOrg(trx, orgId, input.grantee);
    if ('userId' in input.grantee && input.grantee.userId === owner.id) throw new AppError('TANDEM_GRANT_GRANTEE_IS_OWNER');
    const granteeUser = 'userId' in input.grantee ? input.grantee.userId : null;
    const granteeTeam = 'teamId' in input.grantee ? input.grantee.teamId : null;
    const replaced = await trx.deleteFrom('user_grants').where('org_id', '=', orgId).where('owner_id', '=', owner.id).where('scope', '=', input.scope)
      .where(granteeUser ? 'grantee_user_id' : 'grantee_team_id', '=', (granteeUser ?? granteeTeam) as string).returning(GRANT_COLUMNS).execute();
    const grant = await trx.insertInto('user_grants').values({
      org_id: orgId, owner_id: owner.id, grantee_user_id: granteeUser, grantee_team_id: granteeTeam, scope: input.scope,
      level: levelRank(input.level), starts_at: input.startsAt ?? null, expires_at: input.expiresAt ?? null,
      created_by: ctx.actor.userId, created_at: new Date(now),
    }).returning(GRANT_COLUMNS).executeTakeFirstOrThrow();
    const old = replaced[0];
    await appendAudit(trx, {
      orgId, actorId: ctx.actor.userId, action: old ? 'grant.replace' : 'grant.create', targetType: 'grant', targetId: grant.id,
      before: old ? serializeGrant(old, now) : null, after: serializeGrant(grant, now), at: now,
    });
    return grant;
  });
}
