// The column mapping of an import: which contact field each file column fills (or none), in words, and the checks a
// person needs before importing for real. The server detects the columns and proposes the mapping on a dry run;
// this only edits that proposal and pages the per-row error report.
import { IMPORT_FIELDS, type ImportField, type ImportReport } from '../../api/files.ts';

export type ColumnMapping = Record<string, ImportField>;

export const FIELD_LABEL: Record<ImportField, string> = {
  name: 'Name', firstName: 'First name', lastName: 'Last name', company: 'Company', title: 'Job title', emails: 'E-mail',
  phones: 'Phone', tags: 'Tags', address: 'Address', ignore: 'Ignore this column',
};

/** Fields a file may fill from several columns (e-mails, phones and tags add up; address parts are joined); the
 * server takes only the first column of any other field, so two would drop one silently. */
const MANY_COLUMNS: readonly ImportField[] = ['emails', 'phones', 'tags', 'address', 'ignore'];

const isField = (value: unknown): value is ImportField => typeof value === 'string' && (IMPORT_FIELDS as readonly string[]).includes(value);

/** The dry run's columns with the server's mapping; a column it left out or mapped to something unknown is ignored. */
export function mappingFromReport(report: Pick<ImportReport, 'columns' | 'mapping'>): ColumnMapping {
  return Object.fromEntries(report.columns.map((column) => {
    const field = report.mapping[column];
    return [column, isField(field) ? field : 'ignore'];
  }));
}

/** What stops a real import: no column gives a name, or a single-valued field is filled from two columns. */
export function mappingProblems(mapping: ColumnMapping): string[] {
  const problems: string[] = [];
  const fields = Object.values(mapping);
  if (!fields.some((f) => f === 'name' || f === 'firstName' || f === 'lastName')) problems.push('Pick the column that holds the contact’s name.');
  for (const field of IMPORT_FIELDS) {
    if (MANY_COLUMNS.includes(field)) continue;
    const columns = Object.entries(mapping).filter(([, f]) => f === field).map(([c]) => `“${c}”`);
    if (columns.length > 1) problems.push(`${FIELD_LABEL[field]} comes from ${columns.join(' and ')}: keep one.`);
  }
  return problems;
}

/** Contacts a real import with this report would write. */
export function importTotal(report: Pick<ImportReport, 'created' | 'updated'>): number {
  return report.created + report.updated;
}

export const ERRORS_PER_PAGE = 20;

export function errorPage<T>(errors: readonly T[], page: number, size = ERRORS_PER_PAGE): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(errors.length / size));
  const current = Math.min(Math.max(0, page), pages - 1);
  return { items: errors.slice(current * size, (current + 1) * size), page: current, pages };
}

/**
 * The header row of a CSV file (RFC 4180: quoted cells, doubled quotes; a comma, or a semicolon as Excel writes in
 * many European locales), for when the server refuses a dry run because no column it recognised gives a name: the
 * person can then map the columns by hand and check again. Answers [] when the text has no header row.
 */
export function csvHeader(text: string): string[] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else if (ch === '\n' || ch === '\r') break;
    else cell += ch;
  }
  cells.push(cell.trim());
  return cells.every((c) => c === '') ? [] : cells;
}

const SKIP_TEXT: Record<ImportReport['skippedRows'][number]['reason'], string> = {
  empty: 'empty',
  'duplicate-in-file': 'an earlier row has the same e-mail',
  'not-editable': 'matches a contact you may not edit',
  unchanged: 'matches a contact and adds nothing new',
};

/** Why rows were skipped, one line per reason with its count, in the order of the reasons. */
export function skipSummary(skipped: ImportReport['skippedRows']): string[] {
  return (Object.keys(SKIP_TEXT) as (keyof typeof SKIP_TEXT)[])
    .map((reason) => [reason, skipped.filter((s) => s.reason === reason).length] as const)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n} ${n === 1 ? 'row' : 'rows'}: ${SKIP_TEXT[reason]}`);
}
