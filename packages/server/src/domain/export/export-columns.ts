// The columns of a contacts export in a sheet (CSV and XLSX): one row per contact, lists joined with "; ".
import type { ExportRow } from './export-contacts.ts';

export const SHEET_HEADER = ['Name', 'Company', 'Title', 'Emails', 'Phones', 'Tags', 'Address', 'Owner', 'Created', 'Updated'] as const;

/** A list cell: the values in order, "; " between them (no e-mail, phone or tag holds "; " as stored). */
export const LIST_SEPARATOR = '; ';

export function sheetCells(row: ExportRow): string[] {
  return [
    row.name, row.company ?? '', row.title ?? '', row.emails.join(LIST_SEPARATOR), row.phones.join(LIST_SEPARATOR),
    row.tags.join(LIST_SEPARATOR), row.address ?? '', row.ownerName, row.createdAt.toISOString(), row.updatedAt.toISOString(),
  ];
}
