// GET /integrations: both providers, always, each with whether the caller may use its channel now (spec §9, the
// same gate as an export) and which half is missing, the caller's own connection and its latest run.
import { SYNC_CHANNEL, SYNC_PROVIDERS, type SyncProvider } from '@tandem/api';
import type { ActorContext } from '@tandem/core';
import { selectIntegrations, selectLatestRuns, type IntegrationRow, type SyncRunRow } from '../../storage/sync-queries.ts';
import { exportRefusalOf, type ExportRefusal } from '../export/export-gate.ts';
import type { Deps } from '../shared/deps.ts';

export type IntegrationView = {
  provider: SyncProvider;
  refusal: ExportRefusal | null;
  row: IntegrationRow | null;
  lastRun: SyncRunRow | null;
};

export async function listIntegrations(deps: Deps, ctx: ActorContext): Promise<IntegrationView[]> {
  const rows = await selectIntegrations(deps.db, ctx.actor.orgId, ctx.actor.userId);
  const runs = await selectLatestRuns(deps.db, ctx.actor.orgId, rows.map((r) => r.id));
  return SYNC_PROVIDERS.map((provider) => {
    const row = rows.find((r) => r.provider === provider) ?? null;
    return { provider, refusal: exportRefusalOf(ctx, SYNC_CHANNEL[provider]), row, lastRun: (row && runs.find((r) => r.integration_id === row.id)) ?? null };
  });
}

/** The view of one provider (after a connect). */
export async function integrationView(deps: Deps, ctx: ActorContext, provider: SyncProvider): Promise<IntegrationView> {
  const views = await listIntegrations(deps, ctx);
  const view = views.find((v) => v.provider === provider);
  if (!view) throw new Error(`no view of ${provider}`);
  return view;
}
