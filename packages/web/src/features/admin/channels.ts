// The export channels in words (spec §9).
import { EXPORT_CHANNELS, type ExportChannel, type User } from '../../api/models.ts';

export const CHANNEL_LABEL: Record<ExportChannel, string> = {
  csv: 'CSV file',
  xlsx: 'Excel file',
  vcard: 'vCard (Google Contacts)',
  mailchimp_sync: 'Mailchimp sync',
  google_contacts_sync: 'Google Contacts sync',
  api: 'API tokens',
};

export function channelsSummary(channels: readonly string[]): string {
  if (EXPORT_CHANNELS.every((c) => channels.includes(c))) return 'All exports';
  if (channels.length === 0) return 'No exports';
  return channels.map((c) => CHANNEL_LABEL[c as ExportChannel] ?? c).join(', ');
}

export function exportSummary(user: User): string {
  return channelsSummary(user.exportChannels ?? []);
}
