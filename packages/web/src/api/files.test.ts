import { describe, expect, it } from 'vitest';
import { filenameOf, rowsOf } from './files.ts';

describe('the file name of a download', () => {
  it('reads quoted, bare and RFC 5987 names, preferring the extended one', () => {
    expect(filenameOf('attachment; filename="contacts-2026-11-30.csv"')).toBe('contacts-2026-11-30.csv');
    expect(filenameOf('attachment; filename=contacts.vcf')).toBe('contacts.vcf');
    expect(filenameOf(`attachment; filename="contacts.xlsx"; filename*=UTF-8''Kontakte%20M%C3%BCller.xlsx`)).toBe('Kontakte Müller.xlsx');
    expect(filenameOf('attachment; filename="a \\"b\\".csv"')).toBe('a "b".csv');
  });
  it('answers null without a name', () => {
    expect(filenameOf(null)).toBeNull();
    expect(filenameOf('attachment')).toBeNull();
  });
});

describe('the row count of a download', () => {
  it('reads a count header and ignores what is not a count', () => {
    expect(rowsOf(new Headers({ 'x-row-count': '42' }))).toBe(42);
    expect(rowsOf(new Headers({ 'x-row-count': 'many' }))).toBeNull();
    expect(rowsOf(new Headers())).toBeNull();
  });
});
