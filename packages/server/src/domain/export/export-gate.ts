// The export gate (spec §9): an admin may use every channel; a member only when the team switch `export_enabled` is
// on and the channel is among their own. The core decides (canUseExportChannel); this file only names the refusal,
// so a member learns which of the two is missing (api.md "Export": two codes). Sync runs ask it again before every
// chunk (domain/sync/, D39).
import { canUseExportChannel, type ActorContext, type ExportChannel } from '@tandem/core';
import { AppError } from '../../errors.ts';

export type ExportRefusal = 'TANDEM_EXPORT_DISABLED' | 'TANDEM_EXPORT_CHANNEL_BLOCKED';

/** Which half of the gate is missing, or null when the caller may use `channel`. */
export function exportRefusalOf(ctx: ActorContext, channel: ExportChannel): ExportRefusal | null {
  if (canUseExportChannel(ctx, channel)) return null;
  return ctx.actor.role !== 'admin' && !ctx.settings.exportEnabled ? 'TANDEM_EXPORT_DISABLED' : 'TANDEM_EXPORT_CHANNEL_BLOCKED';
}

/** Throws TANDEM_EXPORT_DISABLED (switch off) or TANDEM_EXPORT_CHANNEL_BLOCKED (not the member's channel). */
export function assertExportChannel(ctx: ActorContext, channel: ExportChannel): void {
  const refusal = exportRefusalOf(ctx, channel);
  if (refusal === 'TANDEM_EXPORT_DISABLED') {
    throw new AppError('TANDEM_EXPORT_DISABLED', 'Contact data export is turned off for your team: only admins may export');
  }
  if (refusal) throw new AppError('TANDEM_EXPORT_CHANNEL_BLOCKED', `Exporting as ${channel} is not among your export channels`);
}
