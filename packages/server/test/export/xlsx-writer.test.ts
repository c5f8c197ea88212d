// The XLSX writer of the contacts export (D41) on its own: the zip's parts (read back with fflate's unzip), A1
// column letters, XML escaping (what XML 1.0 cannot carry is dropped, a CR survives), empty cells left out at the
// right places, and a workbook exceljs reads back cell by cell.
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ExportRow } from '../../src/domain/export/export-contacts.ts';
import { columnLetters, escapeXml, rowXml } from '../../src/domain/export/spreadsheet-xml.ts';
import { xlsxStream } from '../../src/domain/export/xlsx-file.ts';

function row(i: number, extra: Partial<ExportRow> = {}): ExportRow {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Person ${i}`, company: null, title: null, emails: [], phones: [],
    tags: [], address: null, ownerName: 'Ada', createdAt: new Date('2026-01-05T09:00:00Z'), updatedAt: new Date('2026-01-05T09:00:00Z'), ...extra,
  };
}

async function workbookOf(pages: ExportRow[][]): Promise<Buffer> {
  async function* gen(): AsyncGenerator<ExportRow[], void, undefined> {
    for (const page of pages) yield page;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of xlsxStream(gen())) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('the XLSX writer', () => {
  it('names columns A..Z, AA..ZZ, AAA', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetters)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('escapes markup, writes CR as a reference and drops what XML 1.0 cannot carry', () => {
    expect(escapeXml('a & b <c> "d" \'e\'')).toBe('a &amp; b &lt;c&gt; &quot;d&quot; \'e\'');
    expect(escapeXml('x\ry\nz\tw')).toBe('x&#13;y\nz\tw');
    expect(escapeXml('bell\u0007 vt\u000B ff\u000C esc\u001B nonchar\uFFFF')).toBe('bell vt ff esc nonchar');
    expect(rowXml(3, ['a', '', 'c'])).toBe('<row r="3"><c r="A3" t="inlineStr"><is><t xml:space="preserve">a</t></is></c>'
      + '<c r="C3" t="inlineStr"><is><t xml:space="preserve">c</t></is></c></row>');
  });

  it('writes a zip of the six parts, read back by exceljs with every cell a string in its place', async () => {
    const pages = [[row(1, { company: 'A & B <Ltd>', emails: ['a@x.test', 'b@x.test'], address: 'Line 1\r\nLine 2' }), row(2)], [row(3, { name: '  Zoë\tÅ  ', tags: ['vip'] })]];
    const bytes = await workbookOf(pages);
    const parts = unzipSync(new Uint8Array(bytes));
    expect(Object.keys(parts).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    expect(strFromU8(parts['xl/workbook.xml'] as Uint8Array)).toContain('<sheet name="Contacts" sheetId="1" r:id="rId1"/>');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Contacts');
    const values = (n: number) => (sheet?.getRow(n).values as unknown[]).slice(1);
    expect(sheet?.rowCount).toBe(4);
    expect(values(1)).toEqual(['Name', 'Company', 'Title', 'Emails', 'Phones', 'Tags', 'Address', 'Owner', 'Created', 'Updated']);
    expect(values(2)).toEqual(['Person 1', 'A & B <Ltd>', undefined, 'a@x.test; b@x.test', undefined, undefined, 'Line 1\r\nLine 2', 'Ada', '2026-01-05T09:00:00.000Z', '2026-01-05T09:00:00.000Z']);
    expect(values(4).slice(0, 6)).toEqual(['  Zoë\tÅ  ', undefined, undefined, undefined, undefined, 'vip']);
  });

  it('writes a valid empty sheet (header only) when there are no rows', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await workbookOf([])) as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Contacts')?.rowCount).toBe(1);
  });
});
