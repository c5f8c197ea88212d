// A contacts export as XLSX through exceljs's streaming WorkbookWriter: each row is committed as it is written, so the
// workbook is never whole in memory, and inline strings (no shared-strings table, which would grow with the file).
// Cells are typed strings, never formulas, so no cell is neutralised: the values are exact (D35).
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportRow } from './export-contacts.ts';
import { sheetCells, SHEET_HEADER } from './export-columns.ts';

/**
 * Waits until `out` has room again, or is closed (the reader went away). exceljs writes each committed row into its
 * zip stream, which is piped into `out`: when the reader is slow, the pipe waits for `drain` and the rows pile up inside
 * the zip's input. Waiting here for the same `drain` after each page keeps that pile to about one page.
 */
async function roomIn(out: PassThrough): Promise<void> {
  if (out.destroyed || !out.writableNeedDrain) return;
  const drained = once(out, 'drain').then(() => undefined, () => undefined);
  const closed = once(out, 'close').then(() => undefined, () => undefined);
  await Promise.race([drained, closed]);
}

async function writeWorkbook(out: PassThrough, pages: AsyncGenerator<ExportRow[], void, undefined>): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Contacts');
  sheet.addRow([...SHEET_HEADER]).commit();
  for await (const page of pages) {
    for (const row of page) sheet.addRow(sheetCells(row)).commit();
    // A reader that went away: stop reading (the generator's return writes the audit entry as not completed).
    if (out.destroyed) return;
    await roomIn(out);
    if (out.destroyed) return;
  }
  sheet.commit();
  await workbook.commit();
}

/** The workbook as a byte stream; an error while writing destroys it with that error. */
export function xlsxStream(pages: AsyncGenerator<ExportRow[], void, undefined>): Readable {
  const out = new PassThrough();
  writeWorkbook(out, pages).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
