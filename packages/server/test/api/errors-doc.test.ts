// docs/errors.md and ERROR_CATALOG must agree: every code documented once, with the status its category maps to,
// and no documented code missing from the catalog (style.md: a test fails when they disagree).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, statusOf, type ErrorCode } from '../../src/errors.ts';

const docPath = fileURLToPath(new URL('../../../../docs/errors.md', import.meta.url));

type Row = { code: string; status: number; meaning: string };

function documentedRows(markdown: string): Row[] {
  const rows: Row[] = [];
  for (const line of markdown.split('\n')) {
    const match = /^\|\s*`?(TANDEM_[A-Z0-9_]+)`?\s*\|\s*(\d{3})\s*\|(.*)\|\s*$/.exec(line.trim());
    if (match) rows.push({ code: match[1] as string, status: Number(match[2]), meaning: (match[3] as string).trim() });
  }
  return rows;
}

describe('docs/errors.md and the error catalog', () => {
  const rows = documentedRows(readFileSync(docPath, 'utf8'));
  const catalog = Object.entries(ERROR_CATALOG) as [ErrorCode, (typeof ERROR_CATALOG)[ErrorCode]][];

  it('documents every catalog code with the status its category maps to', () => {
    const documented = new Map(rows.map((r) => [r.code, r.status]));
    const missing = catalog.filter(([code]) => !documented.has(code)).map(([code]) => code);
    expect(missing, 'codes in ERROR_CATALOG without a row in docs/errors.md').toEqual([]);
    const wrongStatus = catalog.filter(([code, e]) => documented.get(code) !== statusOf(e.category))
      .map(([code, e]) => `${code}: doc ${documented.get(code)}, catalog ${statusOf(e.category)}`);
    expect(wrongStatus).toEqual([]);
  });

  it('documents no code the catalog does not have, and each code once, with a meaning', () => {
    const unknown = rows.filter((r) => !(r.code in ERROR_CATALOG)).map((r) => r.code);
    expect(unknown, 'rows in docs/errors.md for codes not in ERROR_CATALOG').toEqual([]);
    const seen = rows.map((r) => r.code);
    expect(seen.filter((c, i) => seen.indexOf(c) !== i), 'codes documented twice').toEqual([]);
    expect(rows.filter((r) => r.meaning.length === 0).map((r) => r.code), 'rows without a meaning').toEqual([]);
  });

  it('finds the table at all', () => {
    expect(rows.length).toBeGreaterThan(5);
  });
});
