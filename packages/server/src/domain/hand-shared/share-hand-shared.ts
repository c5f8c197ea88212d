// Shares of templates, pipelines and programs (spec §6.6): the owner or an admin lists them, shares with users or
// teams at `view` (use) or `edit` (change) with an optional window, changes a share's level and window, and revokes
// it. As bucket shares: every change is audited (`<resource>.share.create | .update | .revoke`); one that changes
// nothing answers the share and writes no entry; a share naming the owner is refused (400).
import type { ActorContext, GrantLevel, Grantee, HandShared } from '@tandem/core';
import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../../errors.ts';
import {
  deleteHandSharedShare, HAND_SHARED_TABLES, insertHandSharedShare, updateHandSharedShare,
} from '../../storage/hand-shared-queries.ts';
import { listSharesOf, loadShareOf, type ShareCore, type ShareRowOf, type WithGrantee } from '../../storage/share-queries.ts';
import type { Db } from '../../storage/connect.ts';
import { assertGranteeInOrg } from '../shares/share-guard.ts';
import { shareSnapshot } from '../shares/share-snapshot.ts';
import { assertWindow } from '../shared/time.ts';
import type { Deps } from '../shared/deps.ts';
import { auditChange } from './hand-shared-audit.ts';
import { loadHandSharedOrThrow } from './hand-shared-guard.ts';

/** A share of a template, pipeline or program, with `resource_id` naming what it shares whatever the table's column. */
export type HandSharedShareRow = WithGrantee<ShareCore> & { resource_id: string };
export type NewHandSharedShare = { grantee: Grantee; level: GrantLevel; startsAt?: string | null; expiresAt?: string | null };
export type HandSharedSharePatch = { level?: GrantLevel | undefined; startsAt?: string | null | undefined; expiresAt?: string | null | undefined };

const dateOf = (value: string | null | undefined): Date | null => (value ? new Date(value) : null);
const pick = (value: string | null | undefined, current: Date | null): Date | null => (value === undefined ? current : dateOf(value));
const levelOf = (rank: number): GrantLevel => (rank >= 4 ? 'edit' : 'view');

function withResourceId(resource: HandShared, row: WithGrantee<ShareRowOf<'template_shares'>>): HandSharedShareRow {
  const record = HAND_SHARED_TABLES[resource].record;
  const { template_id: _typedAs, ...rest } = row;
  // The row carries the table's own record column (`pipeline_id`, ...): read it by the name the map gives.
  const value = Object.entries(row).find(([key]) => key === record)?.[1];
  return { ...rest, resource_id: typeof value === 'string' ? value : '' };
}

async function listRows(db: Db, resource: HandShared, orgId: string, id: string): Promise<HandSharedShareRow[]> {
  const rows = await listSharesOf(db, HAND_SHARED_TABLES[resource].shares as 'template_shares', orgId, id);
  return rows.map((r) => withResourceId(resource, r));
}

async function loadRow(db: Db, resource: HandShared, orgId: string, id: string, shareId: string, forUpdate = false): Promise<HandSharedShareRow | null> {
  const row = await loadShareOf(db, HAND_SHARED_TABLES[resource].shares as 'template_shares', orgId, id, shareId, { forUpdate });
  return row ? withResourceId(resource, row) : null;
}

const snapshot = (resource: HandShared, row: HandSharedShareRow) => shareSnapshot({ ...row, target: { key: `${resource}Id`, id: row.resource_id } });

export async function listShares(deps: Deps, ctx: ActorContext, resource: HandShared, id: string): Promise<HandSharedShareRow[]> {
  const record = await loadHandSharedOrThrow(deps.db, ctx, resource, id, 'manage');
  return listRows(deps.db, resource, ctx.actor.orgId, record.row.id);
}

export async function createShare(deps: Deps, ctx: ActorContext, resource: HandShared, id: string, input: NewHandSharedShare): Promise<HandSharedShareRow> {
  return deps.db.transaction().execute(async (trx) => {
    const record = await loadHandSharedOrThrow(trx, ctx, resource, id, 'manage');
    const grantee = await assertGranteeInOrg(trx, ctx.actor.orgId, input.grantee, record.row.owner_id);
    const window = { startsAt: dateOf(input.startsAt), expiresAt: dateOf(input.expiresAt) };
    assertWindow(window, ctx.now);
    const shareId = await insertHandSharedShare(trx, resource, ctx.actor.orgId, record.row.id, { grantee, level: input.level, ...window }, ctx.actor.userId, ctx.now);
    const share = await loadRow(trx, resource, ctx.actor.orgId, record.row.id, shareId);
    if (!share) throw new AppError('TANDEM_SHARE_NOT_FOUND');
    await auditChange(trx, ctx, `${resource}.share.create`, resource, record.row.id, null, snapshot(resource, share));
    return share;
  });
}

export async function updateShare(
  deps: Deps, ctx: ActorContext, resource: HandShared, id: string, shareId: string, patch: HandSharedSharePatch,
): Promise<HandSharedShareRow> {
  return deps.db.transaction().execute(async (trx) => {
    const record = await loadHandSharedOrThrow(trx, ctx, resource, id, 'manage');
    const before = await loadRow(trx, resource, ctx.actor.orgId, record.row.id, shareId.toLowerCase(), true);
    if (!before) throw new AppError('TANDEM_SHARE_NOT_FOUND');
    const window = { startsAt: pick(patch.startsAt, before.starts_at), expiresAt: pick(patch.expiresAt, before.expires_at) };
    if (patch.startsAt !== undefined || patch.expiresAt !== undefined) assertWindow(window, ctx.now);
    await updateHandSharedShare(trx, resource, ctx.actor.orgId, before.id, { level: patch.level ?? levelOf(before.level), ...window });
    const after = await loadRow(trx, resource, ctx.actor.orgId, record.row.id, before.id);
    if (!after) throw new AppError('TANDEM_SHARE_NOT_FOUND');
    const [b, a] = [snapshot(resource, before), snapshot(resource, after)];
    if (!isDeepStrictEqual(b, a)) await auditChange(trx, ctx, `${resource}.share.update`, resource, record.row.id, b, a);
    return after;
  });
}

export async function revokeShare(deps: Deps, ctx: ActorContext, resource: HandShared, id: string, shareId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const record = await loadHandSharedOrThrow(trx, ctx, resource, id, 'manage');
    // Locked: of racing revocations one wins; the others wait, find it gone and answer 404.
    const share = await loadRow(trx, resource, ctx.actor.orgId, record.row.id, shareId.toLowerCase(), true);
    if (!share) throw new AppError('TANDEM_SHARE_NOT_FOUND');
    await deleteHandSharedShare(trx, resource, ctx.actor.orgId, share.id);
    await auditChange(trx, ctx, `${resource}.share.revoke`, resource, record.row.id, snapshot(resource, share), null);
  });
}
