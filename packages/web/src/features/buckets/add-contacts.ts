// Putting a contact into a bucket needs Edit on it (spec §6.2: it shares the contact), all or nothing. The
// contact's own `access.actions` says whether the caller may, so the dialogs leave the others out up front.
import type { Contact } from '../../api/models.ts';

export function splitEditable(contacts: Contact[]): { editable: Contact[]; refused: Contact[] } {
  const editable: Contact[] = [];
  const refused: Contact[] = [];
  for (const c of contacts) (c.access.actions.includes('contact.edit') ? editable : refused).push(c);
  return { editable, refused };
}

/** "Liam Novak", "Liam Novak and Sofia Brandt", "Liam Novak, Sofia Brandt and 3 more". */
export function nameList(contacts: { name: string }[], max = 2): string {
  const names = contacts.map((c) => c.name);
  if (names.length <= max) return names.length === 2 ? `${names[0]} and ${names[1]}` : (names[0] ?? '');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

export function countOf(n: number, one = 'contact', many = 'contacts'): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The toast after adding: how many went in, and how many were there already. */
export function addedMessage(bucketName: string, asked: number, before: number, after: number): string {
  const added = Math.max(0, after - before);
  const already = asked - added;
  if (added === 0) return `${asked === 1 ? 'That contact was' : 'Those contacts were'} already in ${bucketName}`;
  return `${countOf(added)} added to ${bucketName}${already > 0 ? ` (${already} already there)` : ''}`;
}
