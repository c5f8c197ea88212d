// The Contact answer from a domain view; the shape (and the input shapes) are @tandem/api's contact.ts. Responses
// are encoded through that schema: undeclared fields never leave.
import type { ContactDto } from '@tandem/api';
import type { ContactView } from '../../domain/contacts/contact-view.ts';

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

export function toContactDto(view: ContactView): ContactDto {
  const { row } = view;
  return {
    id: row.id, ownerId: row.owner_id, ownerName: view.ownerName, name: row.name, company: row.company, title: row.title,
    emails: row.emails, phones: row.phones, tags: row.tags, address: row.address,
    archivedAt: iso(row.archived_at), trashedAt: iso(row.trashed_at),
    createdAt: new Date(row.created_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString(),
    lastActivityAt: iso(row.last_activity_at), access: view.access,
  };
}
