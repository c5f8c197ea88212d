// A contacts export as a file: the format's media type, its name, and its bytes as a stream read page by page.
import { Readable } from 'node:stream';
import type { ContactExport, ExportFormat } from './export-contacts.ts';
import { csvChunks } from './csv-file.ts';
import { vcardChunks } from './vcard-file.ts';
import { xlsxStream } from './xlsx-file.ts';

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  vcard: 'text/vcard; charset=utf-8',
};
const EXTENSIONS: Record<ExportFormat, string> = { csv: 'csv', xlsx: 'xlsx', vcard: 'vcf' };

/** contacts-YYYY-MM-DD.<ext>, the day (UTC) of `now`. */
export function exportFileName(format: ExportFormat, now: number): string {
  return `contacts-${new Date(now).toISOString().slice(0, 10)}.${EXTENSIONS[format]}`;
}

export type ExportFileOptions = { bom?: boolean };

/** The bytes of the file. Destroying the stream stops the reading (and audits the export as not completed). */
export function exportFileStream(exp: ContactExport, options: ExportFileOptions = {}): Readable {
  switch (exp.format) {
    case 'csv':
      return Readable.from(csvChunks(exp.pages, options), { objectMode: false });
    case 'vcard':
      return Readable.from(vcardChunks(exp.pages), { objectMode: false });
    case 'xlsx':
      return xlsxStream(exp.pages);
  }
}
