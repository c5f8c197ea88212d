// Import contacts from a CSV or vCard file: a dry run first (the columns the server found, the field each fills, what
// would be created, updated or skipped, and each refused row), an editable mapping checked again before anything is
// written, then the real import and its result. Imported contacts are owned by the importer; a row updates an
// existing contact only when its e-mail matches one the importer may edit (the server decides, api.md "Export").
import { useState, type ChangeEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import { IMPORT_FIELDS, type ImportField, type ImportReport } from '../api/files.ts';
import { ImportErrors } from '../features/contacts/components/ImportErrors.tsx';
import { useImportContacts } from '../features/contacts/hooks/useImportContacts.ts';
import { csvHeader, FIELD_LABEL, importTotal, mappingFromReport, mappingProblems, skipSummary, type ColumnMapping } from '../features/contacts/import-mapping.ts';
import { Button, buttonClass } from '../ui/Button.tsx';
import { Card } from '../ui/Card.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Field, Select } from '../ui/Field.tsx';
import { Icon } from '../ui/Icon.tsx';
import { Notice } from '../ui/Notice.tsx';
import { Page, PageHeader } from '../ui/Page.tsx';
import { Table, TableCard } from '../ui/Table.tsx';
import styles from './ImportContactsPage.module.css';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function Counts({ report, done }: { report: ImportReport; done: boolean }) {
  const rows: [string, number][] = [
    [done ? 'Created' : 'Would be created', report.created],
    [done ? 'Updated' : 'Would be updated', report.updated],
    [done ? 'Skipped' : 'Would be skipped', report.skipped],
  ];
  const skips = skipSummary(report.skippedRows);
  return (
    <>
      <dl className={styles.counts} data-testid={done ? 'import-result' : 'dry-run-counts'}>
        {rows.map(([label, value]) => (
          <div key={label} className={styles.count}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {skips.length > 0 ? (
        <ul className={styles.skips} aria-label="Why rows are skipped">
          {skips.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

export function ImportContactsPage() {
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  /** The mapping the last dry run used: when the form differs, the counts are stale until checked again. */
  const [checked, setChecked] = useState<string | null>(null);
  const [dryRun, setDryRun] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const importing = useImportContacts();

  const check = (chosen: File, wanted: ColumnMapping | null) =>
    importing.mutate({ file: chosen, dryRun: true, mapping: wanted }, {
      onSuccess: (report) => {
        const used = wanted ?? mappingFromReport(report);
        setDryRun(report);
        setMapping(used);
        setChecked(JSON.stringify(used));
      },
      onError: async (error) => {
        // No column the server recognised gives a name: read the header here so the columns can be mapped by hand.
        if (wanted || !(error instanceof ApiError) || error.code !== 'TANDEM_IMPORT_FILE_INVALID' || !/\.csv$/i.test(chosen.name)) return;
        const columns = csvHeader(await chosen.slice(0, 64 * 1024).text());
        if (columns.length > 0) setMapping(Object.fromEntries(columns.map((c) => [c, 'ignore' as const])));
      },
    });

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0] ?? null;
    setFile(chosen);
    setDryRun(null);
    setMapping(null);
    setChecked(null);
    setResult(null);
    importing.reset();
    if (chosen) check(chosen, null);
  };

  const setField = (column: string, field: ImportField) => setMapping((m) => ({ ...(m ?? {}), [column]: field }));
  const stale = mapping !== null && JSON.stringify(mapping) !== checked;
  const problems = mapping && Object.keys(mapping).length > 0 ? mappingProblems(mapping) : [];
  const total = dryRun ? importTotal(dryRun) : 0;
  const columns = mapping ? Object.keys(mapping) : [];

  const runImport = () => {
    if (!file || !mapping) return;
    importing.mutate({ file, dryRun: false, mapping }, { onSuccess: setResult });
  };

  return (
    <Page>
      <PageHeader
        title="Import contacts"
        subtitle="From a CSV file (a spreadsheet saved as CSV, or another CRM’s export) or a vCard file."
        actions={
          <Link to="/contacts" className={buttonClass({ variant: 'ghost' })}>
            <Icon name="arrowLeft" />
            <span>Back to contacts</span>
          </Link>
        }
      />
      <Notice tone="info" icon="info" title="How importing works">
        <p>
          Every contact created by an import is owned by you. Rows are matched to existing contacts by e-mail address, among the contacts you may
          edit: a match is updated, anything else is added as a new contact. Nothing is written until you press Import.
        </p>
      </Notice>

      {result ? (
        <Card as="section" aria-labelledby="import-done-title" className={styles.section}>
          <h2 id="import-done-title" className={styles.heading}>
            Imported {plural(importTotal(result), 'contact', 'contacts')}
          </h2>
          <Counts report={result} done />
          {result.errors.length > 0 ? <ImportErrors errors={result.errors} /> : null}
          <div className={styles.actions}>
            <Link to="/contacts" className={buttonClass({ variant: 'primary' })}>
              See your contacts
            </Link>
          </div>
        </Card>
      ) : (
        <>
          <Card as="section" aria-labelledby="import-file-title" className={styles.section}>
            <h2 id="import-file-title" className={styles.heading}>
              1. Choose a file
            </h2>
            <Field label="CSV or vCard file" hint="The first row of a CSV file names its columns. Tandem checks the file first and shows what it would do.">
              <input type="file" accept=".csv,.vcf,.vcard,text/csv,text/vcard" onChange={onFile} className={styles.file} />
            </Field>
          </Card>

          {importing.isError && !(mapping && !dryRun) ? <ErrorNotice error={importing.error} /> : null}
          {importing.isPending && !dryRun ? <p className="muted" role="status">Checking the file…</p> : null}

          {mapping ? (
            <Card as="section" aria-labelledby="import-check-title" className={styles.section}>
              <h2 id="import-check-title" className={styles.heading}>
                2. Check what it would do
              </h2>
              {columns.length > 0 ? (
                <TableCard>
                  <Table aria-label="Columns and the field each fills">
                    <thead>
                      <tr>
                        <th scope="col">Column in the file</th>
                        <th scope="col">Contact field</th>
                      </tr>
                    </thead>
                    <tbody>
                      {columns.map((column) => (
                        <tr key={column}>
                          <td className={styles.column}>{column}</td>
                          <td>
                            <Select
                              compact
                              aria-label={`Field for column ${column}`}
                              value={mapping[column] ?? 'ignore'}
                              onChange={(e) => setField(column, IMPORT_FIELDS.find((f) => f === e.target.value) ?? 'ignore')}
                            >
                              {IMPORT_FIELDS.map((f) => (
                                <option key={f} value={f}>
                                  {FIELD_LABEL[f]}
                                </option>
                              ))}
                            </Select>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                </TableCard>
              ) : null}
              {problems.length > 0 ? (
                <Notice tone="warning" icon="alert" title="Fix the mapping first" small>
                  <ul className={styles.problems}>
                    {problems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                </Notice>
              ) : null}
              {stale || !dryRun ? (
                <Notice tone="info" icon="refresh" small action={<Button size="sm" loading={importing.isPending} disabled={problems.length > 0} onClick={() => file && check(file, mapping)}>Check again</Button>}>
                  <p>
                    {dryRun
                      ? 'You changed the mapping: check the file again to see what it would do now.'
                      : 'Tandem did not recognise a column with the contact’s name. Pick the field each column fills, then check the file.'}
                  </p>
                </Notice>
              ) : (
                <>
                  <Counts report={dryRun} done={false} />
                  {dryRun.errors.length > 0 ? <ImportErrors errors={dryRun.errors} /> : null}
                </>
              )}
              <div className={styles.actions}>
                <Button variant="primary" icon="upload" disabled={stale || !dryRun || problems.length > 0 || total === 0} loading={importing.isPending && !stale && dryRun !== null} onClick={runImport}>
                  {`Import ${plural(total, 'contact', 'contacts')}`}
                </Button>
              </div>
            </Card>
          ) : null}
        </>
      )}
    </Page>
  );
}
