// Settings › Audit log: every change, newest first, and a button that verifies the hash chain.
import { Fragment, useState } from 'react';
import type { AuditEntry } from '../api/models.ts';
import { useAuditLog, useVerifyAudit } from '../features/admin/hooks/useAdmin.ts';
import { formatDateTime } from '../lib/format.ts';
import { Button } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Icon } from '../ui/Icon.tsx';
import { PageSpinner } from '../ui/Spinner.tsx';

/** "contact_share" → "Contact share". */
function humanise(text: string): string {
  if (!text) return '—';
  const words = text.replace(/[._]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function Change({ entry }: { entry: AuditEntry }) {
  return (
    <div className="audit-change">
      <div>
        <span className="muted small">Before</span>
        <pre>{entry.before === null || entry.before === undefined ? '—' : JSON.stringify(entry.before, null, 2)}</pre>
      </div>
      <div>
        <span className="muted small">After</span>
        <pre>{entry.after === null || entry.after === undefined ? '—' : JSON.stringify(entry.after, null, 2)}</pre>
      </div>
      <div className="audit-hash muted small">
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
      <div className="section-header">
        <div>
          <h2 id="audit-title">Audit log</h2>
          <p className="muted">Every change to access, ownership and settings. Entries are chained by hash, so tampering shows.</p>
        </div>
        <Button variant="primary" icon="shieldCheck" loading={verify.isPending} onClick={() => verify.mutate()}>
          Verify chain
        </Button>
      </div>
      {verify.data ? (
        verify.data.valid ? (
          <div className="notice notice-success" role="status" data-testid="verify-result">
            <Icon name="shieldCheck" />
            <div>
              <strong>The chain is intact.</strong>
              <p>All {verify.data.entries} entries link up and none has been changed.</p>
            </div>
          </div>
        ) : (
          <div className="notice notice-danger" role="alert" data-testid="verify-result">
            <Icon name="alert" />
            <div>
              <strong>The chain is broken.</strong>
              <p>Entry #{verify.data.firstBadSeq ?? '?'} does not match the chain: it or an entry before it was changed or removed outside Tandem. Contact your system administrator.</p>
            </div>
          </div>
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
        <div className="table-card">
          <table className="table audit-table" aria-label="Audit log">
            <thead>
              <tr>
                <th>#</th>
                <th>When</th>
                <th>Who</th>
                <th>What</th>
                <th>Target</th>
                <th aria-label="Details" />
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <Fragment key={e.id}>
                  <tr data-testid="audit-row">
                    <td className="muted mono">{e.seq}</td>
                    <td className="nowrap">{formatDateTime(e.at)}</td>
                    <td>{e.actorName ?? <span className="muted">System</span>}</td>
                    <td>
                      <code className="action-code">{e.action}</code>
                    </td>
                    <td className="muted">{humanise(e.targetType)}</td>
                    <td className="table-actions">
                      <Button size="sm" variant="ghost" aria-expanded={open === e.id} onClick={() => setOpen(open === e.id ? null : e.id)}>
                        {open === e.id ? 'Hide' : 'Details'}
                      </Button>
                    </td>
                  </tr>
                  {open === e.id ? (
                    <tr className="audit-detail-row">
                      <td colSpan={6}>
                        <Change entry={e} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
          {audit.hasNextPage ? (
            <div className="center table-more">
              <Button size="sm" onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
                Load older entries
              </Button>
            </div>
          ) : null}
        </div>
      )}
    </section>
  );
}
