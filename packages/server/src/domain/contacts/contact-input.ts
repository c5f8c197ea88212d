// Profile fields as the API takes them, normalised once: trimmed, e-mails lower-cased (the list's exact e-mail
// search compares lower-case), duplicates and empty strings dropped.
import type { ContactFields } from '../../storage/contact-writes.ts';

export type ContactInput = {
  name: string;
  company?: string | null;
  title?: string | null;
  emails?: string[];
  phones?: string[];
  tags?: string[];
  address?: string | null;
};

function cleanList(values: readonly string[], lower = false): string[] {
  const out = values.map((v) => (lower ? v.trim().toLowerCase() : v.trim())).filter((v) => v.length > 0);
  return [...new Set(out)];
}

function cleanText(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed.length ? trimmed : null;
}

export function normalizeContactInput(input: ContactInput): ContactFields {
  return {
    name: input.name.trim(),
    company: cleanText(input.company),
    title: cleanText(input.title),
    emails: cleanList(input.emails ?? [], true),
    phones: cleanList(input.phones ?? []),
    tags: cleanList(input.tags ?? []),
    address: cleanText(input.address),
  };
}

/** A partial update: only the fields present are normalised and changed. */
export function normalizeContactPatch(patch: Partial<ContactInput>): Partial<ContactFields> {
  const out: Partial<ContactFields> = {};
  if (patch.name !== undefined) out.name = patch.name.trim();
  if (patch.company !== undefined) out.company = cleanText(patch.company);
  if (patch.title !== undefined) out.title = cleanText(patch.title);
  if (patch.emails !== undefined) out.emails = cleanList(patch.emails, true);
  if (patch.phones !== undefined) out.phones = cleanList(patch.phones);
  if (patch.tags !== undefined) out.tags = cleanList(patch.tags);
  if (patch.address !== undefined) out.address = cleanText(patch.address);
  return out;
}
