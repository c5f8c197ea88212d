// What a bulk action on the contacts list says afterwards (POST /contacts/bulk answers `{done, refused: [{id, code}]}`,
// each code the one the single-contact action would have answered): "12 done, 3 refused: you need Edit on them".
// Refusals are grouped by reason; the names come from the rows the user picked (an id the server calls missing is
// one the user saw and can no longer see).
import type { BulkAction, BulkResult } from '../../api/models.ts';
import { countOf, nameList } from '../buckets/add-contacts.ts';

export type BulkKind = BulkAction['action'];

/** Past tense of each action, for the message when nothing was refused: "12 contacts archived". */
const DONE: Record<BulkKind, string> = {
  share: 'shared', reassign: 'given to their new owner', addToBucket: 'added to the bucket', addTag: 'tagged', removeTag: 'untagged',
  archive: 'archived', unarchive: 'taken out of the archive', delete: 'moved to the trash', restore: 'restored',
};

const EDITS: ReadonlySet<BulkKind> = new Set<BulkKind>(['share', 'addTag', 'removeTag', 'addToBucket']);

/** Why the server refused contacts, in words, for one action and one refusal code. */
export function refusalReason(kind: BulkKind, code: string): string {
  switch (code) {
    case 'TANDEM_CONTACT_NOT_FOUND':
      return 'you can no longer see them';
    case 'TANDEM_ACCESS_FORBIDDEN':
      if (EDITS.has(kind)) return 'you need Edit on them';
      if (kind === 'reassign') return 'you may not give them to this person';
      if (kind === 'restore') return 'only their owner or an admin may restore them';
      return 'only their owner or an admin may do this';
    case 'TANDEM_CONTACT_WRONG_STATE':
      if (kind === 'archive') return 'they are already archived';
      if (kind === 'unarchive') return 'they are not archived';
      if (kind === 'delete') return 'they are already in the trash';
      if (kind === 'restore') return 'they are not in the trash';
      return 'they are in the trash';
    case 'TANDEM_SHARE_GRANTEE_IS_OWNER':
      return 'the person you chose owns them';
    case 'TANDEM_SHARE_ABOVE_OWN_LEVEL':
      return 'you cannot give more access than you have';
    case 'TANDEM_USER_INACTIVE':
      return 'the new owner is deactivated';
    default:
      return 'the server refused them';
  }
}

export type BulkReport = {
  /** Nothing refused: the toast; else the first line of the report. */
  summary: string;
  /** One line per reason when there are several: "2: you need Edit on them (Liam Novak and Sofia Brandt)". */
  reasons: string[];
  refusedIds: string[];
};

export function bulkReport(kind: BulkKind, result: BulkResult, nameOf: (id: string) => string | undefined): BulkReport {
  const refusedIds = result.refused.map((r) => r.id);
  if (result.refused.length === 0) return { summary: `${countOf(result.done.length)} ${DONE[kind]}`, reasons: [], refusedIds };
  const groups = new Map<string, string[]>();
  for (const r of result.refused) {
    const reason = refusalReason(kind, r.code);
    groups.set(reason, [...(groups.get(reason) ?? []), r.id]);
  }
  const head = `${result.done.length} done, ${result.refused.length} refused`;
  const named = (ids: string[]) => {
    const names = ids.map(nameOf).filter((n): n is string => n !== undefined);
    return names.length ? ` (${nameList(names.map((name) => ({ name })), 3)})` : '';
  };
  const [only] = groups.entries();
  if (groups.size === 1 && only) return { summary: `${head}: ${only[0]}${named(only[1])}`, reasons: [], refusedIds };
  return { summary: head, reasons: [...groups].map(([reason, ids]) => `${ids.length}: ${reason}${named(ids)}`), refusedIds };
}
