import { describe, expect, it } from 'vitest';
import type { ExportChannel } from '../../api/models.ts';
import { apiChannelBlock } from './api-channel.ts';

const apiOnly: ExportChannel[] = ['api'];
const member = { role: 'member' as const, status: 'active' as const, exportChannels: apiOnly };

describe('why the API channel is closed', () => {
  it('is open to admins whatever the switch and their channels', () => {
    expect(apiChannelBlock({ ...member, role: 'admin', exportChannels: [] }, { exportEnabled: false })).toBeNull();
  });
  it('names the export switch before the channel list', () => {
    expect(apiChannelBlock({ ...member, exportChannels: [] }, { exportEnabled: false })).toBe('export-off');
    expect(apiChannelBlock({ ...member, exportChannels: ['csv'] }, { exportEnabled: true })).toBe('no-channel');
    expect(apiChannelBlock(member, { exportEnabled: true })).toBeNull();
  });
});
