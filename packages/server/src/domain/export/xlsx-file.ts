// A contacts export as XLSX, written by us as a streaming zip (fflate) of the few SpreadsheetML parts, page by page:
// each page's rows are deflated into the zip as they are read and the next page is read only when the response has
// room, so the file never builds up in memory (D41: exceljs 4.4.0's WorkbookWriter pushed the sheet's XML into its
// zip's deflater without backpressure, and the uncompressed XML piled up with the row count). Cells are typed inline
// strings, never formulas, so no cell is neutralised: the values are exact (D35).
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { strToU8, Zip, ZipDeflate } from 'fflate';
import type { ExportRow } from './export-contacts.ts';
import { sheetCells, SHEET_HEADER } from './export-columns.ts';
import { rowXml, SHEET_END, SHEET_PATH, SHEET_START, workbookParts } from './spreadsheet-xml.ts';

export const SHEET_NAME = 'Contacts';

/**
 * Waits until `out` has room again, or is closed (the reader went away). It first lets the event loop turn once: a
 * page read from PGlite may resolve without any I/O, and a socket closed by the client is only seen in the I/O phase.
 */
async function roomIn(out: PassThrough): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (out.destroyed || !out.writableNeedDrain) return;
  const drained = once(out, 'drain').then(() => undefined, () => undefined);
  const closed = once(out, 'close').then(() => undefined, () => undefined);
  await Promise.race([drained, closed]);
}

/** One zip entry deflated from whole text (the small parts). */
function addPart(zip: Zip, path: string, text: string): void {
  const entry = new ZipDeflate(path, { level: 6 });
  zip.add(entry);
  entry.push(strToU8(text), true);
}

async function writeWorkbook(out: PassThrough, pages: AsyncGenerator<ExportRow[], void, undefined>): Promise<void> {
  // fflate calls back synchronously inside push(): each compressed chunk goes straight to the response.
  const zip = new Zip((error, chunk, final) => {
    if (error) out.destroy(error);
    else if (!out.destroyed) {
      out.write(chunk);
      if (final) out.end();
    }
  });
  for (const [path, text] of Object.entries(workbookParts(SHEET_NAME))) addPart(zip, path, text);
  const sheet = new ZipDeflate(SHEET_PATH, { level: 6 });
  zip.add(sheet);
  sheet.push(strToU8(SHEET_START + rowXml(1, SHEET_HEADER)));
  let rowNumber = 1;
  for await (const page of pages) {
    sheet.push(strToU8(page.map((row) => rowXml((rowNumber += 1), sheetCells(row))).join('')));
    // A reader that went away: stop reading (the generator's return writes the audit entry as not completed).
    if (out.destroyed) return;
    await roomIn(out);
    if (out.destroyed) return;
  }
  sheet.push(strToU8(SHEET_END), true);
  zip.end();
}

/** The workbook as a byte stream; an error while writing destroys it with that error. */
export function xlsxStream(pages: AsyncGenerator<ExportRow[], void, undefined>): Readable {
  const out = new PassThrough();
  writeWorkbook(out, pages).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
