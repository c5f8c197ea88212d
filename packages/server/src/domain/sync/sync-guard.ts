// The checks every sync endpoint starts with: the provider is one we know (else 404, as an unknown path), the §9 gate
// for its channel (403 with the export's two codes), and the caller's own connection (404 when none).
import { SYNC_CHANNEL, SYNC_PROVIDERS, type SyncProvider } from '@tandem/api';
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import type { Db } from '../../storage/connect.ts';
import { selectIntegration, type IntegrationRow } from '../../storage/sync-queries.ts';
import { assertExportChannel } from '../export/export-gate.ts';

export function providerOrThrow(name: string): SyncProvider {
  const provider = SYNC_PROVIDERS.find((p) => p === name);
  if (!provider) throw new AppError('TANDEM_NOT_FOUND', `No integration is called "${name}" (mailchimp, google_contacts)`);
  return provider;
}

/** 403 TANDEM_EXPORT_DISABLED / TANDEM_EXPORT_CHANNEL_BLOCKED unless the caller may use the provider's channel. */
export function assertSyncChannel(ctx: ActorContext, provider: SyncProvider): void {
  assertExportChannel(ctx, SYNC_CHANNEL[provider]);
}

/** The caller's own integration with `provider`, or 404 TANDEM_INTEGRATION_NOT_CONNECTED. */
export async function ownIntegrationOrThrow(db: Db, ctx: ActorContext, provider: SyncProvider, lock = false): Promise<IntegrationRow> {
  const row = await selectIntegration(db, ctx.actor.orgId, ctx.actor.userId, provider, lock);
  if (!row) throw new AppError('TANDEM_INTEGRATION_NOT_CONNECTED', `You have not connected ${provider}`);
  return row;
}
