// What an imported row changes on a contact it matched: it only fills and adds, never replaces or removes. Empty
// company, title and address are filled; e-mails, phones and tags gain the row's new values after the existing ones;
// the name stays. Re-importing the same row changes nothing, which makes a re-run after a failure safe (D36).
import type { ContactFields } from '../../storage/contact-writes.ts';

function union(existing: readonly string[], incoming: readonly string[], fold = false): string[] {
  const key = (v: string) => (fold ? v.toLowerCase() : v);
  const seen = new Set(existing.map(key));
  const out = [...existing];
  for (const value of incoming) {
    if (!seen.has(key(value))) {
      seen.add(key(value));
      out.push(value);
    }
  }
  return out;
}

/** The fields that change (empty when the row adds nothing). */
export function mergeImported(existing: ContactFields, incoming: ContactFields): Partial<ContactFields> {
  const patch: Partial<ContactFields> = {};
  if (existing.company === null && incoming.company !== null) patch.company = incoming.company;
  if (existing.title === null && incoming.title !== null) patch.title = incoming.title;
  if (existing.address === null && incoming.address !== null) patch.address = incoming.address;
  const emails = union(existing.emails, incoming.emails, true);
  if (emails.length !== existing.emails.length) patch.emails = emails;
  const phones = union(existing.phones, incoming.phones);
  if (phones.length !== existing.phones.length) patch.phones = phones;
  const tags = union(existing.tags, incoming.tags);
  if (tags.length !== existing.tags.length) patch.tags = tags;
  return patch;
}
