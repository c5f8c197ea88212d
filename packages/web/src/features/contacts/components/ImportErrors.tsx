// The rows an import refused, with the reason for each: a table, twenty rows a page.
import { useState } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { Table, TableCard } from '../../../ui/Table.tsx';
import { errorPage } from '../import-mapping.ts';
import styles from './ImportErrors.module.css';

export function ImportErrors({ errors }: { errors: { row: number; message: string }[] }) {
  const [page, setPage] = useState(0);
  const shown = errorPage(errors, page);
  return (
    <section aria-labelledby="import-errors-title" className={styles.errors} data-testid="import-errors">
      <h3 id="import-errors-title" className={styles.title}>
        {errors.length === 1 ? '1 row has a problem' : `${errors.length} rows have a problem`}
      </h3>
      <TableCard>
        <Table aria-labelledby="import-errors-title">
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {shown.items.map((e) => (
              <tr key={`${e.row}-${e.message}`}>
                <td>{e.row}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </TableCard>
      {shown.pages > 1 ? (
        <nav className={styles.pager} aria-label="Pages of problems">
          <Button size="sm" disabled={shown.page === 0} onClick={() => setPage(shown.page - 1)}>
            Previous
          </Button>
          <span className="muted small">
            Page {shown.page + 1} of {shown.pages}
          </span>
          <Button size="sm" disabled={shown.page === shown.pages - 1} onClick={() => setPage(shown.page + 1)}>
            Next
          </Button>
        </nav>
      ) : null}
    </section>
  );
}
