// The merge fields a template may use (@tandem/api's MERGE_FIELDS, the list the server checks a template against),
// in words for the picker, and inserting one where the cursor is.
import { MERGE_FIELDS, type MergeField } from '@tandem/api';

export const MERGE_FIELD_LABEL: Record<MergeField, string> = {
  'contact.firstName': 'Contact’s first name',
  'contact.name': 'Contact’s full name',
  'contact.company': 'Contact’s company',
  'owner.name': 'Contact owner’s name',
  'sender.name': 'Your name (the sender)',
};

export const MERGE_FIELD_CHOICES: { field: MergeField; token: string; label: string }[] = MERGE_FIELDS.map((field) => ({
  field,
  token: `{{${field}}}`,
  label: MERGE_FIELD_LABEL[field],
}));

/**
 * `text` with `token` put in place of the selection [start, end) (a caret when they are equal), and where the caret
 * goes after it. Out-of-range or missing positions insert at the end, so a field that never had focus still gets it.
 */
export function insertAt(text: string, token: string, start: number | null | undefined, end: number | null | undefined): { text: string; caret: number } {
  const from = start === null || start === undefined || start < 0 || start > text.length ? text.length : start;
  const to = end === null || end === undefined || end < from || end > text.length ? from : end;
  return { text: text.slice(0, from) + token + text.slice(to), caret: from + token.length };
}

/** The `{{...}}` of a text that are not merge fields (the server refuses them with TANDEM_TEMPLATE_INVALID); `\{{` is a literal. */
export function unknownMergeFields(text: string): string[] {
  const known = new Set<string>(MERGE_FIELDS);
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<!\\)\{\{\s*([^{}]*?)\s*\}\}/g)) {
    const name = m[1] ?? '';
    if (!known.has(name)) found.add(`{{${name}}}`);
  }
  return [...found];
}
