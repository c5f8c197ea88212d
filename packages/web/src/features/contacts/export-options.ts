// Which export formats the contacts list offers and, for each refused one, why (spec §9). The rule is the core's
// canUseExportChannel (admin, or the team switch on and the channel among the user's own); the server decides and
// answers 403 TANDEM_EXPORT_DISABLED / TANDEM_EXPORT_CHANNEL_BLOCKED, this only shows the same answer before a click.
import { canUseExportChannel, type ActorContext } from '@tandem/core';
import type { ContactListQuery } from '../../api/contract.ts';
import type { OrgSettings, User } from '../../api/models.ts';
import { queryForView, type InboxView, type ListFilters } from './hooks/useContacts.ts';

export type FileChannel = 'csv' | 'xlsx' | 'vcard';
export type ExportBlock = 'inactive' | 'export-off' | 'no-channel';

export type ExportOption = {
  id: 'csv' | 'csv-excel' | 'xlsx' | 'vcard';
  label: string;
  format: FileChannel;
  /** A UTF-8 byte order mark, so Excel reads accented names right. */
  bom: boolean;
  block: ExportBlock | null;
  /** Why it is refused, in words (null when allowed). */
  reason: string | null;
};

const FORMATS: Omit<ExportOption, 'block' | 'reason'>[] = [
  { id: 'csv', label: 'CSV', format: 'csv', bom: false },
  { id: 'csv-excel', label: 'CSV for Excel', format: 'csv', bom: true },
  { id: 'xlsx', label: 'Excel (XLSX)', format: 'xlsx', bom: false },
  { id: 'vcard', label: 'vCard', format: 'vcard', bom: false },
];

const CHANNEL_WORD: Record<FileChannel, string> = { csv: 'CSV', xlsx: 'Excel', vcard: 'vCard' };

export type ExportActor = Pick<User, 'role' | 'status' | 'exportChannels'>;

/** The switch before the channel list: with the switch off no member channel helps, so that is the fact to name. */
export function exportBlock(user: ExportActor, settings: Pick<OrgSettings, 'exportEnabled'>, channel: FileChannel): ExportBlock | null {
  // Only the actor's role, status and channels and the switch matter to this rule; the rest of the context is empty.
  const ctx: ActorContext = {
    actor: { userId: '', orgId: '', role: user.role, status: user.status, teamIds: [], exportChannels: user.exportChannels ?? [] },
    settings: { exportEnabled: settings.exportEnabled, shareAllContacts: false, membersCanArchiveDeleteShared: false },
    userGrants: [], bucketShares: [], now: 0,
  };
  if (canUseExportChannel(ctx, channel)) return null;
  if (user.status !== 'active') return 'inactive';
  if (!settings.exportEnabled) return 'export-off';
  return 'no-channel';
}

export function blockReason(block: ExportBlock, channel: FileChannel): string {
  if (block === 'inactive') return 'Your account is deactivated';
  if (block === 'export-off') return 'Your admin has turned exports off';
  return `Your account may not export to ${CHANNEL_WORD[channel]}`;
}

export function exportOptions(user: ExportActor, settings: Pick<OrgSettings, 'exportEnabled'>): ExportOption[] {
  return FORMATS.map((f) => {
    const block = exportBlock(user, settings, f.format);
    return { ...f, block, reason: block ? blockReason(block, f.format) : null };
  });
}

/** When nothing is allowed the button itself is refused, with the one reason that covers every format. */
export function exportRefusal(options: ExportOption[]): string | null {
  if (options.some((o) => o.block === null)) return null;
  const blocks = new Set(options.map((o) => o.block));
  if (blocks.has('inactive')) return 'Your account is deactivated';
  if (blocks.has('export-off')) return 'Your admin has turned exports off';
  return 'Your account may not export contacts: an admin can allow CSV, Excel or vCard for you on the Users page';
}

export type ExportQuery = Pick<ContactListQuery, 'q' | 'archived' | 'ownerId' | 'bucketId'> & { format: FileChannel; bom?: boolean };

/**
 * Why the list as it stands cannot be exported exactly (null when it can). The export takes the list's search,
 * archived, owner and bucket (api.md "Export"); it never holds trashed contacts, and has no "shared with me" or tag
 * filter, so a file from those lists would not be what the list shows.
 */
export function exportMismatch(view: InboxView, filters: Pick<ListFilters, 'tag'>): string | null {
  if (view === 'trash') return 'Contacts in the trash are not exported';
  if (view === 'shared') return 'Export cannot follow the “Shared with me” view: pick All or Mine';
  if (filters.tag) return 'Export cannot filter by tag: clear the tag filter';
  return null;
}

/** The list's own search and filters (the view "Mine" is the caller as owner), so the file holds what the list shows. */
export function exportQuery(view: InboxView, q: string, filters: ListFilters, option: Pick<ExportOption, 'format' | 'bom'>, meId: string): ExportQuery {
  const list = queryForView(view, q, filters);
  const query: ExportQuery = { format: option.format, q: list.q, archived: list.archived, ownerId: view === 'mine' ? meId : list.ownerId, bucketId: list.bucketId };
  if (option.bom) query.bom = true;
  return query;
}
