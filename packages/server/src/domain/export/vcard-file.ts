// A contacts export as one vCard 4.0 file (RFC 6350): one card per contact, UTF-8, CRLF line ends, text escaped
// (backslash, comma, semicolon, newline: §3.4) and lines folded at 75 octets without splitting a character (§3.2).
// Google Contacts and Apple Contacts import it. The name is a single field here: N takes its last word as the family
// name and the rest as given names (a one-word name is a given name), FN keeps it whole.
import type { ExportRow } from './export-contacts.ts';

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** A text value escaped for a property value or a component of a structured one (N, ADR, ORG) or a list. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r\n|\r|\n/g, '\\n');
}

/** A content line folded after 75 octets: continuation lines start with one space (counted in their 75). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/** N's components (family; given; additional; prefixes; suffixes) from a one-field name. */
function structuredName(name: string): string {
  const words = name.trim().split(/\s+/);
  const family = words.length > 1 ? words.pop() ?? '' : '';
  return [family, words.join(' '), '', '', ''].map(escapeText).join(';');
}

/** vCard's timestamp form: 20260105T090000Z. */
function timestamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function vcardOf(row: ExportRow): string {
  const lines = [
    'BEGIN:VCARD', 'VERSION:4.0', `UID:urn:uuid:${row.id}`, `FN:${escapeText(row.name)}`, `N:${structuredName(row.name)}`,
    ...(row.company ? [`ORG:${escapeText(row.company)}`] : []),
    ...(row.title ? [`TITLE:${escapeText(row.title)}`] : []),
    ...row.emails.map((e) => `EMAIL:${escapeText(e)}`),
    ...row.phones.map((p) => `TEL:${escapeText(p)}`),
    // The address is one free text: ADR's street component (§6.3.1), newlines kept as \n.
    ...(row.address ? [`ADR:;;${escapeText(row.address)};;;;`] : []),
    ...(row.tags.length > 0 ? [`CATEGORIES:${row.tags.map(escapeText).join(',')}`] : []),
    `REV:${timestamp(row.updatedAt)}`, 'END:VCARD',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** The file's chunks, one per page. */
export async function* vcardChunks(pages: AsyncIterable<ExportRow[]>): AsyncGenerator<string> {
  for await (const page of pages) yield page.map(vcardOf).join('');
}
