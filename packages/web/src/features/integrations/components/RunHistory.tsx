// A provider's recent runs, newest first: when, status (with why a run stopped or failed), the counts and how long it
// took. A table on a wide screen; on a phone each run is a small block of labelled lines (RunHistory.module.css).
import type { SyncProvider, SyncRun } from '../../../api/models.ts';
import { formatDateTime, formatWhen } from '../../../lib/format.ts';
import { Badge } from '../../../ui/Badge.tsx';
import { CardLoading } from '../../../ui/Card.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Subheading } from '../../../ui/Page.tsx';
import { Table } from '../../../ui/Table.tsx';
import { useSyncRuns } from '../hooks/useIntegrations.ts';
import { durationText, outcomeText, progressText, PROVIDER_NAME, RUN_STATUS } from '../sync-text.ts';
import styles from './RunHistory.module.css';

const COUNTS = ['created', 'updated', 'unchanged', 'skipped', 'failed'] as const;
const COUNT_LABEL: Record<(typeof COUNTS)[number], string> = { created: 'Created', updated: 'Updated', unchanged: 'Unchanged', skipped: 'Skipped', failed: 'Failed' };

export function RunHistory({ provider }: { provider: SyncProvider }) {
  const runs = useSyncRuns(provider, true);
  const headingId = `${provider}-history`;
  return (
    <section aria-labelledby={headingId} className={styles.section}>
      <Subheading id={headingId}>Run history</Subheading>
      {runs.isPending ? (
        <CardLoading label="Loading the run history" />
      ) : runs.isError ? (
        <ErrorNotice error={runs.error} onRetry={() => void runs.refetch()} />
      ) : runs.data.length === 0 ? (
        <p className={styles.none}>No sync yet. Press “Sync now” to send your contacts to {PROVIDER_NAME[provider]}.</p>
      ) : (
        <div className={styles.scroll}>
          <Table className={styles.table} aria-labelledby={headingId} data-testid={`${provider}-history`}>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Status</th>
                <th scope="col">Contacts</th>
                {COUNTS.map((c) => (
                  <th key={c} scope="col" className={styles.num}>
                    {COUNT_LABEL[c]}
                  </th>
                ))}
                <th scope="col">Duration</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.map((run) => (
                <RunRow key={run.id} run={run} />
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </section>
  );
}

function RunRow({ run }: { run: SyncRun }) {
  const status = RUN_STATUS[run.status];
  const why = run.status === 'failed' || run.status === 'stopped' ? outcomeText(run) : null;
  return (
    <tr data-testid="sync-run-row">
      <td className={styles.when}>
        <time dateTime={run.createdAt} title={formatDateTime(run.createdAt)}>
          {formatWhen(run.createdAt)}
        </time>
      </td>
      <td className={styles.status}>
        <Badge tone={status.tone}>{status.label}</Badge>
        {why ? <span className={styles.why}>{why}</span> : null}
      </td>
      <td>
        <PhoneLabel>Contacts</PhoneLabel>
        {progressText(run)}
      </td>
      {COUNTS.map((c) => (
        <td key={c} className={styles.num}>
          <PhoneLabel>{COUNT_LABEL[c]}</PhoneLabel>
          <span data-testid={`run-${c}`}>{run[c].toLocaleString()}</span>
        </td>
      ))}
      <td>
        <PhoneLabel>Duration</PhoneLabel>
        {durationText(run) || '—'}
      </td>
    </tr>
  );
}

/** A cell's column name, shown only on a phone, where the table's header row is hidden and each run is a block. */
function PhoneLabel({ children }: { children: string }) {
  return <span className={styles.phoneLabel}>{children} </span>;
}
