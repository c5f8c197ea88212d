// PUT /integrations/:provider: the caller connects their own account at a provider (D39). The gate comes first (403
// with the export's codes: a user who may not use the channel learns nothing from the provider), then the provider
// checks the credentials with one cheap call (400 TANDEM_INTEGRATION_CREDENTIALS_REJECTED / _UNREACHABLE, nothing
// stored), then the credentials are sealed (AES-256-GCM, bound to this row) and stored with the audit entry
// `integration.connect`, which names the provider and the account, never a secret. Connecting again replaces the
// credentials; when the account differs, the links to the old account's records are forgotten (their ids mean
// nothing there). While a run is queued or running the connection cannot change (409 TANDEM_SYNC_RUNNING).
import type { SyncProvider } from '@tandem/api';
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import {
  deleteLinks, insertIntegration, selectActiveRun, selectIntegration, updateIntegration, type IntegrationRow,
} from '../../storage/sync-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { CredentialsRejected, ProviderUnavailable } from './connector.ts';
import { credentialsContext, type SyncDeps } from './sync-deps.ts';
import { assertSyncChannel } from './sync-guard.ts';

export type ConnectInput = { provider: SyncProvider; fields: Record<string, string> };

export async function connectIntegration(deps: SyncDeps, ctx: ActorContext, input: ConnectInput): Promise<IntegrationRow> {
  const { provider } = input;
  assertSyncChannel(ctx, provider);
  const connector = deps.sync.connectors[provider];
  let checked: Awaited<ReturnType<typeof connector.connect>>;
  try {
    checked = await connector.connect(input.fields);
  } catch (error) {
    if (error instanceof CredentialsRejected) throw new AppError('TANDEM_INTEGRATION_CREDENTIALS_REJECTED', `The provider refused these credentials: ${error.message}`);
    if (error instanceof ProviderUnavailable) throw new AppError('TANDEM_INTEGRATION_UNREACHABLE', `The provider could not be reached: ${error.message}`);
    throw error;
  }
  const { orgId, userId } = ctx.actor;
  const settings = { ...checked.connection.settings, account: checked.account };
  const credentials = deps.sync.box.seal(JSON.stringify(checked.connection.credentials), credentialsContext(orgId, userId, provider));
  return deps.db.transaction().execute(async (trx) => {
    const before = await selectIntegration(trx, orgId, userId, provider, true);
    if (before && await selectActiveRun(trx, orgId, before.id)) {
      throw new AppError('TANDEM_SYNC_RUNNING', 'A sync of this integration is queued or running: wait for it to end before connecting again');
    }
    let row: IntegrationRow;
    if (before) {
      row = await updateIntegration(trx, orgId, before.id, { settings, credentials, now: ctx.now });
      if (before.settings.account !== checked.account) await deleteLinks(trx, orgId, before.id);
    } else {
      row = await insertIntegration(trx, { orgId, userId, provider, settings, credentials, now: ctx.now });
    }
    await appendAudit(trx, {
      orgId, actorId: userId, action: 'integration.connect', targetType: 'integration', targetId: row.id,
      ...(before ? { before: { provider, account: before.settings.account ?? null } } : {}),
      after: { provider, account: checked.account }, at: ctx.now,
    });
    return row;
  });
}
