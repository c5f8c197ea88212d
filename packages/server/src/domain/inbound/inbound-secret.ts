// The org's inbound secret (api.md "Messages"): made with node:crypto when the org is created (sign-up) or first
// read without one, shown to admins only in GET /org/settings, replaced by POST /org/inbound-secret (admins), which
// is audited as `org.inbound_secret.rotate` without the secret itself. The old secret stops working at once.
import type { ActorContext } from '@tandem/core';
import { replaceInboundSecret, storeInboundSecretIfMissing, loadInboundSecret } from '../../storage/inbound-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { asAdmin } from '../shared/admin-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { newInboundSecret } from './signature.ts';

/** The org's secret, made now if it has none. */
export async function ensureInboundSecret(deps: Deps, orgId: string): Promise<string> {
  return (await loadInboundSecret(deps.db, orgId)) ?? storeInboundSecretIfMissing(deps.db, orgId, newInboundSecret());
}

export async function rotateInboundSecret(deps: Deps, ctx: ActorContext): Promise<string> {
  const orgId = ctx.actor.orgId;
  return asAdmin(deps, ctx, async (trx) => {
    const secret = newInboundSecret();
    await replaceInboundSecret(trx, orgId, secret);
    await appendAudit(trx, { orgId, actorId: ctx.actor.userId, action: 'org.inbound_secret.rotate', targetType: 'org', targetId: orgId, at: ctx.now });
    return secret;
  });
}
