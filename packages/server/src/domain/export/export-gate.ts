// The export gate (spec §9): an admin may use every channel; a member only when the team switch `export_enabled` is
// on and the channel is among their own. The core decides (canUseExportChannel); this file only names the refusal,
// so a member learns which of the two is missing (api.md "Export": two codes).
import { canUseExportChannel, type ActorContext, type ExportChannel } from '@tandem/core';
import { AppError } from '../../errors.ts';

/** Throws TANDEM_EXPORT_DISABLED (switch off) or TANDEM_EXPORT_CHANNEL_BLOCKED (not the member's channel). */
export function assertExportChannel(ctx: ActorContext, channel: ExportChannel): void {
  if (canUseExportChannel(ctx, channel)) return;
  if (ctx.actor.role !== 'admin' && !ctx.settings.exportEnabled) {
    throw new AppError('TANDEM_EXPORT_DISABLED', 'Contact data export is turned off for your team: only admins may export');
  }
  throw new AppError('TANDEM_EXPORT_CHANNEL_BLOCKED', `Exporting as ${channel} is not among your export channels`);
}
