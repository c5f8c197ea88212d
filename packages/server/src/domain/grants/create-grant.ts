// POST /users/:ownerId/grants (admin): the grantee's `view` or `edit` access to the owner's contacts or calendar
// (spec §4, §7, §8), with an optional window. Owner and grantee must be of the org and differ. There is at most
// one grant per (owner, grantee, scope): a second one replaces the first (the old row is deleted and a new one
// made, so `createdBy`/`createdAt` tell who decided the access in force); audited as `grant.create` or
// `grant.replace` with the old grant as `before`.
import type { ActorContext, Grantee, GrantLevel } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { deleteGrantsOf, insertGrant } from '../../storage/grant-queries.ts';
import type { GrantRow } from '../../storage/rows.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { asAdmin, requireAdminOrThrow } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { assertWindow } from '../shared/time.ts';
import { loadUserOrThrow } from '../users/user-guard.ts';
import { grantSnapshot } from './grant-audit.ts';
import { ensureGranteeInOrg } from './grant-guard.ts';

export type NewGrant = { grantee: Grantee; scope: 'contacts' | 'calendar'; level: GrantLevel; startsAt?: string | null; expiresAt?: string | null };

export async function createGrant(deps: Deps, ctx: ActorContext, ownerId: string, input: NewGrant): Promise<GrantRow> {
  requireAdminOrThrow(ctx);
  const orgId = ctx.actor.orgId;
  const now = ctx.now;
  assertWindow(input, now);
  return asAdmin(deps, ctx, async (trx) => {
    const owner = await loadUserOrThrow(trx, orgId, ownerId);
    await ensureGranteeInOrg(trx, orgId, input.grantee);
    if ('userId' in input.grantee && input.grantee.userId === owner.id) throw new AppError('TANDEM_GRANT_GRANTEE_IS_OWNER');
    const [old] = await deleteGrantsOf(trx, orgId, owner.id, input.grantee, input.scope);
    const grant = await insertGrant(trx, {
      orgId, ownerId: owner.id, grantee: input.grantee, scope: input.scope, level: input.level,
      startsAt: input.startsAt ?? null, expiresAt: input.expiresAt ?? null, createdBy: ctx.actor.userId, now,
    });
    await appendAudit(trx, {
      orgId, actorId: ctx.actor.userId, action: old ? 'grant.replace' : 'grant.create', targetType: 'grant', targetId: grant.id,
      before: old ? grantSnapshot(old, now) : null, after: grantSnapshot(grant, now), at: now,
    });
    return grant;
  });
}
