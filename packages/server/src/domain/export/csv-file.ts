// A contacts export as CSV (RFC 4180, UTF-8, CRLF) written by csv-stringify, page by page. A cell a spreadsheet
// would read as a formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe, the OWASP
// "CSV injection" defence: Excel and LibreOffice then show it as text. That includes phone numbers written "+1…"
// (D35: the importer strips the apostrophe back).
import { stringify } from 'csv-stringify/sync';
import type { ExportRow } from './export-contacts.ts';
import { sheetCells, SHEET_HEADER } from './export-columns.ts';

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as written: an apostrophe before a leading formula character. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export type CsvOptions = { bom?: boolean };

/** The file's chunks: the header (after the byte order mark when asked for Excel), then one chunk per page. */
export async function* csvChunks(pages: AsyncIterable<ExportRow[]>, options: CsvOptions = {}): AsyncGenerator<string> {
  yield (options.bom ? '\uFEFF' : '') + stringify([[...SHEET_HEADER]], { record_delimiter: 'windows' });
  for await (const page of pages) {
    yield stringify(page.map((row) => sheetCells(row).map(neutraliseFormula)), { record_delimiter: 'windows' });
  }
}
