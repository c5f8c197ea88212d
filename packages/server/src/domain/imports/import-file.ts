// Reads an uploaded import file into one table: column headers and, per data row, each column's values. CSV (RFC 4180
// through csv-parse: a BOM stripped, the delimiter , ; or tab detected from the header line, quoted fields may hold
// delimiters and newlines) or vCard 3.0/4.0 (ical.js, one card a row). A CSV cell holds one value, split into a
// list later by the field it is mapped to; a vCard property that repeats (EMAIL, TEL) keeps each value apart.
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { AppError } from '../../errors.ts';

export type ImportFormat = 'csv' | 'vcard';
/** One data row: per column, its values ([] when empty). */
export type ImportRow = string[][];
export type ImportTable = { format: ImportFormat; columns: string[]; rows: ImportRow[] };

/** The vCard properties read, as the columns a mapping names. */
export const VCARD_COLUMNS = ['FN', 'ORG', 'TITLE', 'EMAIL', 'TEL', 'CATEGORIES', 'ADR'] as const;

function invalid(detail: string): AppError {
  return new AppError('TANDEM_IMPORT_FILE_INVALID', detail);
}

function looksLikeVcard(fileName: string, text: string): boolean {
  return /\.(vcf|vcard)$/i.test(fileName) || /^\s*BEGIN:VCARD/i.test(text);
}

/** The delimiter used most on the header line (outside quotes), comma when none. */
export function detectDelimiter(text: string): string {
  let inQuotes = false;
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** Headers made unique ("Email", "Email (2)") so a mapping can name each column. */
function uniqueHeaders(headers: string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((raw, i) => {
    const base = raw.trim() || `Column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** Tandem's export (D35) and other tools write `'=…` for a cell a spreadsheet would run as a formula: the value is `=…`. */
function unneutralise(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

function readCsv(text: string): ImportTable {
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, delimiter: detectDelimiter(text.replace(/^\uFEFF/, '')), relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    throw invalid(`The CSV file cannot be read: ${(error as Error).message}`);
  }
  const [header, ...data] = records;
  if (!header || header.every((h) => h.trim() === '')) throw invalid('The CSV file has no header row.');
  const columns = uniqueHeaders(header);
  const rows = data.map((record) => columns.map((_, i) => {
    const value = unneutralise(record[i]?.trim() ?? '');
    return value === '' ? [] : [value];
  }));
  return { format: 'csv', columns, rows };
}

/**
 * ical.js unescapes `\\`, `\,` and `\n` in text but leaves `\;` outside structured values (FN, TITLE, TEL,
 * CATEGORIES); RFC 6350 §3.4 makes it a semicolon everywhere. Escaped backslashes are already single by then, so
 * every `\;` left is an escaped semicolon.
 */
function unescapeSemicolons(value: string): string {
  return value.replace(/\\;/g, ';');
}

function texts(values: unknown[]): string[] {
  return values.flatMap((v) => (Array.isArray(v) ? v : [v])).map((v) => unescapeSemicolons(String(v ?? '')).trim()).filter((v) => v !== '');
}

/** One card as a row of VCARD_COLUMNS: FN (or N's given and family names), ORG's first unit, ADR's parts joined. */
function cardRow(card: ICAL.Component): ImportRow {
  const values = (name: string) => card.getAllProperties(name).map((p) => p.getValues());
  const fn = texts(values('fn').flat()).slice(0, 1);
  const n = card.getFirstPropertyValue('n');
  const fromN = Array.isArray(n) ? texts([n[1], n[0]]).join(' ') : '';
  const org = card.getFirstPropertyValue('org');
  const company = texts(Array.isArray(org) ? [org.filter((u) => String(u).trim() !== '').join(', ')] : [org]).slice(0, 1);
  const addresses = card.getAllProperties('adr').map((p) => {
    const parts = p.getFirstValue();
    return texts(Array.isArray(parts) ? parts : [parts]).join(', ');
  }).filter((a) => a !== '').slice(0, 1);
  return [
    fn.length ? fn : texts([fromN]),
    company,
    texts(values('title').flat()).slice(0, 1),
    texts(values('email').flat()),
    texts(values('tel').flat()),
    texts(values('categories').flat()),
    addresses,
  ];
}

function readVcard(text: string): ImportTable {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (error) {
    throw invalid(`The vCard file cannot be read: ${(error as Error).message}`);
  }
  const list = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : parsed) as unknown[];
  const cards = list.map((jcard) => new ICAL.Component(jcard as never)).filter((c) => c.name === 'vcard');
  if (cards.length === 0) throw invalid('The vCard file holds no card.');
  return { format: 'vcard', columns: [...VCARD_COLUMNS], rows: cards.map(cardRow) };
}

export function readImportFile(fileName: string, data: Buffer): ImportTable {
  const text = data.toString('utf8');
  if (text.includes('\uFFFD')) throw invalid('The file is not UTF-8 text.');
  return looksLikeVcard(fileName, text.replace(/^\uFEFF/, '')) ? readVcard(text.replace(/^\uFEFF/, '')) : readCsv(text);
}
