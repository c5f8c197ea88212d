import { describe, expect, it } from 'vitest';
import { csvHeader, errorPage, importTotal, mappingFromReport, mappingProblems, skipSummary } from './import-mapping.ts';

describe('the import mapping', () => {
  it('takes the dry run’s columns in order, with unknown or missing fields as ignored', () => {
    const mapping = mappingFromReport({ columns: ['Full name', 'Mail', 'Notes', 'Org'], mapping: { 'Full name': 'name', Mail: 'emails', Notes: 'birthday' as never } });
    expect(Object.entries(mapping)).toEqual([['Full name', 'name'], ['Mail', 'emails'], ['Notes', 'ignore'], ['Org', 'ignore']]);
  });
  it('needs a name column, and one column per single-valued field', () => {
    expect(mappingProblems({ Mail: 'emails', Notes: 'ignore' })).toEqual(['Pick the column that holds the contact’s name.']);
    expect(mappingProblems({ First: 'name', Last: 'name', Mail: 'emails', Mail2: 'emails' })).toEqual(['Name comes from “First” and “Last”: keep one.']);
    expect(mappingProblems({ Given: 'firstName', Family: 'lastName', Company: 'company', Notes: 'ignore', Other: 'ignore' })).toEqual([]);
  });
  it('counts what a real import writes', () => {
    expect(importTotal({ created: 3, updated: 2 })).toBe(5);
  });
  it('pages a long error report and keeps the page in range', () => {
    const errors = Array.from({ length: 45 }, (_, i) => i);
    expect(errorPage(errors, 0)).toEqual({ items: errors.slice(0, 20), page: 0, pages: 3 });
    expect(errorPage(errors, 2).items).toEqual([40, 41, 42, 43, 44]);
    expect(errorPage(errors, 9).page).toBe(2);
    expect(errorPage([], 0)).toEqual({ items: [], page: 0, pages: 1 });
  });
});

describe('the header row of a CSV file', () => {
  it('reads plain, quoted and semicolon-separated headers, with a BOM and CRLF', () => {
    expect(csvHeader('Nom,Courriel,Firma\nAnna,a@x.example,ACME\n')).toEqual(['Nom', 'Courriel', 'Firma']);
    expect(csvHeader('\uFEFF"Nom, prénom";"Le ""mail""";Ville\r\n1;2;3')).toEqual(['Nom, prénom', 'Le "mail"', 'Ville']);
  });
  it('answers no columns for an empty file', () => {
    expect(csvHeader('')).toEqual([]);
    expect(csvHeader('\n')).toEqual([]);
  });
});

describe('why rows were skipped', () => {
  it('counts each reason in words', () => {
    expect(skipSummary([{ row: 2, reason: 'unchanged' }, { row: 4, reason: 'not-editable' }, { row: 5, reason: 'unchanged' }])).toEqual([
      '1 row: matches a contact you may not edit',
      '2 rows: matches a contact and adds nothing new',
    ]);
    expect(skipSummary([])).toEqual([]);
  });
});
