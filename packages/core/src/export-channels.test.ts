// Export (spec §9): admins always; members only with the team switch on and the channel among their own.
import { describe, expect, it } from 'vitest';
import { canUseExportChannel } from './export-channels.ts';
import { EXPORT_CHANNELS, type ActorContext, type ExportChannel, type Role, type UserStatus } from './facts.ts';

function ctx(role: Role, exportEnabled: boolean, channels: ExportChannel[], status: UserStatus = 'active'): ActorContext {
  return {
    actor: { userId: 'u', orgId: 'org', role, status, teamIds: [], exportChannels: channels },
    settings: { exportEnabled, shareAllContacts: false, membersCanArchiveDeleteShared: false }, userGrants: [], bucketShares: [], now: 0,
  };
}
const usable = (c: ActorContext) => EXPORT_CHANNELS.filter((ch) => canUseExportChannel(c, ch));

describe('export channels', () => {
  it.each([
    { who: 'admin, switch off, no channels of their own', c: ctx('admin', false, []), channels: [...EXPORT_CHANNELS] },
    { who: 'admin, switch on', c: ctx('admin', true, ['csv']), channels: [...EXPORT_CHANNELS] },
    { who: 'member, switch off, with channels', c: ctx('member', false, ['csv', 'api']), channels: [] },
    { who: 'member, switch on, no channels (the default)', c: ctx('member', true, []), channels: [] },
    { who: 'member, switch on, csv and api', c: ctx('member', true, ['api', 'csv']), channels: ['csv', 'api'] },
    { who: 'member, switch on, every channel', c: ctx('member', true, [...EXPORT_CHANNELS]), channels: [...EXPORT_CHANNELS] },
    { who: 'deactivated admin', c: ctx('admin', true, [...EXPORT_CHANNELS], 'deactivated'), channels: [] },
    { who: 'deactivated member', c: ctx('member', true, [...EXPORT_CHANNELS], 'deactivated'), channels: [] },
  ] as { who: string; c: ActorContext; channels: ExportChannel[] }[])('$who → $channels', ({ c, channels }) => {
    expect(usable(c)).toEqual(channels);
  });
});
