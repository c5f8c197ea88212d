// Settings › Audit log: every change, newest first, and a button that verifies the hash chain.
import { Fragment, useState } from 'react';
import type { AuditEntry } from '../api/models.ts';
import { useAuditLog, useVerifyAudit } from '../features/admin/hooks/useAdmin.ts';
import { cx } from '../lib/cx.ts';
import { formatDateTime } from '../lib/format.ts';
import { Button } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Notice } from '../ui/Notice.tsx';
import { SectionHeader } from '../ui/Page.tsx';
import { PageSpinner } from '../ui/Spinner.tsx';
import { Table, TableCard } from '../ui/Table.tsx';
import styles from './AuditLogPage.module.css';

/** "contact_share" → "Contact share". */
function humanise(text: string): string {
  if (!text) return '—';
  const words = text.replace(/[._]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function Change({ entry }: { entry: AuditEntry }) {
  return (
    <div className={styles.change}>
      <div>
        <span className="muted small">Before</span>
        <pre>{entry.before === null || entry.before === undefined ? '—' : JSON.stringify(entry.before, null, 2)}</pre>
      </div>
      <div>
        <span className="muted small">After</span>
        <pre>{entry.after === null || entry.after === undefined ? '—' : JSON.stringify(entry.after, null, 2)}</pre>
      </div>
      <div className={cx(styles.hash, 'muted small')}>
        Hash {entry.hash.slice(0, 16)}… · previous {entry.prevHash ? `${entry.prevHash.slice(0, 16)}…` : 'none (first entry)'}
      </div>
    </div>
  );
}

export function AuditLogPage() {
  const audit = useAuditLog();
  const verify = useVerifyAudit();
  const [open, setOpen] = useState<string | null>(null);
  const entries = audit.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="audit-title">
      <SectionHeader
        id="audit-title"
        title="Audit log"
        description="Every change to access, ownership and settings. Entries are chained by hash, so tampering shows."
        actions={
          <Button variant="primary" icon="shieldCheck" loading={verify.isPending} onClick={() => verify.mutate()}>
            Verify chain
          </Button>
        }
      />
      {verify.data ? (
        verify.data.valid ? (
          <Notice tone="success" icon="shieldCheck" role="status" testId="verify-result" title="The chain is intact.">
            <p>All {verify.data.entries} entries link up and none has been changed.</p>
          </Notice>
        ) : (
          <Notice tone="danger" icon="alert" role="alert" testId="verify-result" title="The chain is broken.">
            <p>Entry #{verify.data.firstBadSeq ?? '?'} does not match the chain: it or an entry before it was changed or removed outside Tandem. Contact your system administrator.</p>
          </Notice>
        )
      ) : verify.error ? (
        <ErrorNotice error={verify.error} />
      ) : null}
      {audit.isPending ? (
        <PageSpinner label="Loading audit log" />
      ) : audit.isError ? (
        <ErrorNotice error={audit.error} onRetry={() => void audit.refetch()} />
      ) : entries.length === 0 ? (
        <EmptyState icon="activity" title="Nothing recorded yet">
          <p>Shares, grants, switches, role changes and messages sent on someone’s behalf will appear here.</p>
        </EmptyState>
      ) : (
        <TableCard>
          <Table className={styles.table} aria-label="Audit log">
            <thead>
              <tr>
                <th className={styles.seq}>#</th>
                <th>When</th>
                <th>Who</th>
                <th>What</th>
                <th className={styles.target}>Target</th>
                <th aria-label="Details" />
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <Fragment key={e.id}>
                  <tr className={styles.entry} data-testid="audit-row">
                    <td className={cx(styles.seq, 'muted mono')}>{e.seq}</td>
                    <td className={styles.when}>{formatDateTime(e.at)}</td>
                    <td className={styles.who}>{e.actorName ?? <span className="muted">System</span>}</td>
                    <td className={styles.what}>
                      <code className={styles.actionCode}>{e.action}</code>
                    </td>
                    <td className={cx(styles.target, 'muted')}>{humanise(e.targetType)}</td>
                    <td className={styles.actions}>
                      <Button size="sm" variant="ghost" aria-expanded={open === e.id} onClick={() => setOpen(open === e.id ? null : e.id)}>
                        {open === e.id ? 'Hide' : 'Details'}
                      </Button>
                    </td>
                  </tr>
                  {open === e.id ? (
                    <tr className={styles.detailRow}>
                      <td colSpan={6}>
                        <Change entry={e} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </Table>
          {audit.hasNextPage ? (
            <div className={styles.more}>
              <Button size="sm" onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
                Load older entries
              </Button>
            </div>
          ) : null}
        </TableCard>
      )}
    </section>
  );
}
