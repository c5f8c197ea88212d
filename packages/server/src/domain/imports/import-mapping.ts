// Which contact field each column fills: detected from the header (English names most CRMs and address books
// export, and Tandem's own export), overridden column by column by the caller's `mapping`. Then one row becomes the
// contact input the API validates: list fields (e-mails, phones, tags) split a CSV cell on the export's "; ",
// several columns of one field add up (Email 1, Email 2), address parts (street, city, ...) are joined with ", ".
import { importMappingSchema, type ImportField, type ImportMapping } from '@tandem/api';
import { AppError } from '../../errors.ts';
import type { ContactInput } from '../contacts/contact-input.ts';
import type { ImportRow } from './import-file.ts';

const EXACT: Record<string, ImportField> = {
  name: 'name', fullname: 'name', displayname: 'name', contactname: 'name', fn: 'name',
  firstname: 'firstName', givenname: 'firstName', first: 'firstName',
  lastname: 'lastName', surname: 'lastName', familyname: 'lastName', last: 'lastName',
  company: 'company', companyname: 'company', organization: 'company', organisation: 'company', org: 'company', account: 'company',
  title: 'title', jobtitle: 'title', position: 'title', role: 'title',
  tags: 'tags', tag: 'tags', labels: 'tags', categories: 'tags', groups: 'tags',
  address: 'address', adr: 'address', street: 'address', city: 'address', zip: 'address', postalcode: 'address',
  postcode: 'address', region: 'address', state: 'address', country: 'address',
};

/** `mapping` as sent (JSON text), checked as the API checks it: 400 TANDEM_INPUT_INVALID when it is not a {column: field} object. */
export function parseImportMapping(text: string): ImportMapping {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('TANDEM_INPUT_INVALID', 'mapping: not JSON');
  }
  const parsed = importMappingSchema.safeParse(value);
  if (!parsed.success) {
    throw new AppError('TANDEM_INPUT_INVALID', `mapping: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** The field a header names, or `ignore` (owner, created, updated and anything unknown). */
export function fieldOfHeader(header: string): ImportField {
  const key = header.toLowerCase().replace(/[^a-z0-9]/g, '');
  const exact = EXACT[key];
  if (exact) return exact;
  if (/^e?mail/.test(key)) return 'emails';
  if (/^(phone|mobile|tel|cell)/.test(key)) return 'phones';
  if (/^(address|street)/.test(key)) return 'address';
  return 'ignore';
}

/** Every column with its field: the caller's choice where given, else the detected one. */
export function resolveMapping(columns: readonly string[], override: ImportMapping | undefined): ImportMapping {
  const unknown = Object.keys(override ?? {}).filter((c) => !columns.includes(c));
  if (unknown.length > 0) {
    throw new AppError('TANDEM_INPUT_INVALID', `mapping: the file has no column ${unknown.map((c) => JSON.stringify(c)).join(', ')}`);
  }
  const mapping: ImportMapping = {};
  for (const column of columns) mapping[column] = override?.[column] ?? fieldOfHeader(column);
  const fields = new Set(Object.values(mapping));
  if (!fields.has('name') && !fields.has('firstName') && !fields.has('lastName')) {
    throw new AppError('TANDEM_IMPORT_FILE_INVALID', 'No column gives the name: map a column to "name" (or "firstName" and "lastName").');
  }
  return mapping;
}

const SPLIT: Partial<Record<ImportField, RegExp>> = { emails: /[;,\s]+/, phones: /;/, tags: /;/ };

/** A row as contact input (unvalidated), or null when every mapped cell is empty. */
export function rowToInput(row: ImportRow, columns: readonly string[], mapping: ImportMapping): ContactInput | null {
  const byField = new Map<ImportField, string[]>();
  columns.forEach((column, i) => {
    const field = mapping[column] ?? 'ignore';
    const values = row[i] ?? [];
    if (field === 'ignore' || values.length === 0) return;
    const split = SPLIT[field];
    const parts = split ? values.flatMap((v) => v.split(split)) : values;
    byField.set(field, [...(byField.get(field) ?? []), ...parts.map((p) => p.trim()).filter((p) => p !== '')]);
  });
  if (byField.size === 0) return null;
  const first = (field: ImportField) => byField.get(field)?.[0] ?? null;
  const joined = (field: ImportField, sep: string) => (byField.get(field)?.join(sep) || null);
  const name = first('name') ?? [first('firstName'), first('lastName')].filter((p) => p !== null).join(' ');
  return {
    name,
    company: first('company'),
    title: first('title'),
    emails: byField.get('emails') ?? [],
    phones: byField.get('phones') ?? [],
    tags: byField.get('tags') ?? [],
    address: joined('address', ', '),
  };
}
