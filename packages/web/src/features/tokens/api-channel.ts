// Why the `api` channel is closed to a user, in words (spec §9: a user may use a channel if they are an admin, or
// if contact data export is on and the channel is among their own). The server decides: creating a token answers
// 403 TANDEM_EXPORT_CHANNEL_FORBIDDEN and a token stops working; this only explains that answer, from the same facts.
import type { OrgSettings, User } from '../../api/models.ts';

export type ApiBlock = 'inactive' | 'export-off' | 'no-channel';

export function apiChannelBlock(user: Pick<User, 'role' | 'status' | 'exportChannels'>, settings: Pick<OrgSettings, 'exportEnabled'> | undefined): ApiBlock | null {
  if (user.status !== 'active') return 'inactive';
  if (user.role === 'admin') return null;
  if (settings && !settings.exportEnabled) return 'export-off';
  if (!(user.exportChannels ?? []).includes('api')) return 'no-channel';
  return null;
}

export const API_BLOCK_TEXT: Record<ApiBlock, { title: string; detail: string }> = {
  inactive: { title: 'Your account is deactivated', detail: 'Deactivated users cannot use the API.' },
  'export-off': {
    title: 'Contact data export is off for your organisation',
    detail: 'While it is off, only administrators may use the API. An administrator can turn it on in Settings › Permissions.',
  },
  'no-channel': {
    title: 'Your export settings do not include the API',
    detail: 'An administrator can allow the “API” channel for you on the Users page.',
  },
};
