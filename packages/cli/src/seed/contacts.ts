// Contact rows of CRM-N: realistic names, companies, titles, e-mails, phones, tags and addresses, made one after
// another from one stream, so the i-th contact is the same on every run with the same seed.
import { CITIES, COMPANIES, FIRST_NAMES, LAST_NAMES, STREETS, TAGS, TITLES, emailOf, phoneOf, sortNameOf } from '@tandem/server';
import type { IndexedIds, Rng } from './prng.ts';
import type { ContactRow, UserRow } from './types.ts';

const DAY = 86_400_000;

export type ContactSpace = { count: number; ids: IndexedIds; owners: Int32Array; users: readonly UserRow[] };

export function contactId(space: ContactSpace, index: number): string {
  return space.ids.id(index);
}

export function ownerIdOf(space: ContactSpace, index: number): string {
  return (space.users[space.owners[index] as number] as UserRow).id;
}

function tagsOf(rng: Rng): string[] {
  const n = rng.pick([0, 1, 1, 1, 2, 2, 3]);
  const tags = new Set<string>();
  for (let k = 0; k < n; k++) tags.add(rng.pick(TAGS));
  return [...tags];
}

function contactRow(rng: Rng, space: ContactSpace, index: number, now: number): ContactRow {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  // A middle initial keeps a million names from collapsing onto 3,000 first-last pairs.
  const middle = rng.chance(0.6) ? ` ${String.fromCharCode(65 + rng.int(0, 25))}.` : '';
  const name = `${first}${middle} ${last}`;
  const company = rng.pick(COMPANIES);
  const emails = [emailOf(first, last, company.domain)];
  if (rng.chance(0.25)) emails.push(emailOf(first, last, 'mail.example').replace('@', `${rng.int(1, 99)}@`));
  const phones = [phoneOf(company, rng.int(0, 99))];
  if (rng.chance(0.4)) phones.push(`+1 555 01${String(rng.int(0, 99)).padStart(2, '0')}`);
  const address = rng.chance(0.7) ? company.address : `${rng.int(1, 240)} ${rng.pick(STREETS)}, ${rng.pick(CITIES)}`;
  const created = new Date(now - rng.int(1, 3 * 365) * DAY - rng.int(0, DAY - 1)).toISOString();
  return {
    id: contactId(space, index), owner_id: ownerIdOf(space, index), name, sort_name: sortNameOf(name),
    company: company.name, title: rng.pick(TITLES), emails, phones, tags: tagsOf(rng), address,
    created_at: created, updated_at: created,
  };
}

export function* contactRows(rng: Rng, space: ContactSpace, now: number): Generator<ContactRow> {
  for (let i = 0; i < space.count; i++) yield contactRow(rng, space, i, now);
}
