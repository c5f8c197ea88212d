// Export (spec §9): admins may use every channel; members only when the team switch is on and the channel is theirs.
import type { ActorContext, ExportChannel } from './facts.ts';

export function canUseExportChannel(ctx: ActorContext, channel: ExportChannel): boolean {
  const { actor, settings } = ctx;
  if (actor.status !== 'active') return false;
  if (actor.role === 'admin') return true;
  return settings.exportEnabled && actor.exportChannels.includes(channel);
}
