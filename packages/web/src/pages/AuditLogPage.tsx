// Settings › Audit log: every change, newest first, as a sentence with names (who did what to whom), filters by
// person, kind of change and dates, and a button that verifies the hash chain. The raw entry (code, before, after,
// hashes) is under Details. The server filters (GET /audit's actorId, action, from and to), so every page holds only
// matching entries and "Load older entries" goes on under the same filters (issue 10, defect 10).
import { Fragment, useMemo, useState } from 'react';
import type { AuditEntry } from '../api/models.ts';
import { dateProblem, isFiltered, kindOptions, NO_AUDIT_FILTERS, serverFilters, type AuditFilterInput } from '../features/admin/audit-filters.ts';
import { ACTION_LABEL, describeAudit, humaniseCode, recordNames } from '../features/admin/audit-text.ts';
import { useAuditLog, useVerifyAudit } from '../features/admin/hooks/useAdmin.ts';
import { useTeams, useUsers } from '../features/admin/hooks/useDirectory.ts';
import { cx } from '../lib/cx.ts';
import { formatDateTime } from '../lib/format.ts';
import { Button } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Field, Input, Select } from '../ui/Field.tsx';
import { Notice } from '../ui/Notice.tsx';
import { SectionHeader } from '../ui/Page.tsx';
import { PageSpinner } from '../ui/Spinner.tsx';
import { Table, TableCard } from '../ui/Table.tsx';
import styles from './AuditLogPage.module.css';

function Change({ entry }: { entry: AuditEntry }) {
  return (
    <div className={styles.change}>
      <div className={cx(styles.code, 'muted small')}>
        #{entry.seq} · <code className={styles.actionCode}>{entry.action}</code> · {humaniseCode(entry.targetType)} {entry.targetId ?? ''}
      </div>
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
  const [filters, setFilters] = useState<AuditFilterInput>(NO_AUDIT_FILTERS);
  const dates = dateProblem(filters);
  // Dates that cannot be asked for keep the last answer on screen, with the reason under "To".
  const [asked, setAsked] = useState(serverFilters(NO_AUDIT_FILTERS));
  const audit = useAuditLog(asked);
  const verify = useVerifyAudit();
  const users = useUsers();
  const teams = useTeams();
  const [open, setOpen] = useState<string | null>(null);
  const entries = useMemo(() => audit.data?.pages.flatMap((p) => p.items) ?? [], [audit.data]);
  const records = useMemo(() => recordNames(entries), [entries]);
  const names = useMemo(() => {
    const userNames = new Map((users.data ?? []).map((u) => [u.id, u.name]));
    const teamNames = new Map((teams.data ?? []).map((t) => [t.id, t.name]));
    return { user: (id: string) => userNames.get(id) ?? null, team: (id: string) => teamNames.get(id) ?? null, record: (id: string) => records.get(id) ?? null };
  }, [users.data, teams.data, records]);
  const filtered = isFiltered(filters);
  const set = (patch: Partial<AuditFilterInput>) => {
    const next = { ...filters, ...patch };
    setFilters(next);
    if (!dateProblem(next)) setAsked(serverFilters(next));
  };
  const clear = () => {
    setFilters(NO_AUDIT_FILTERS);
    setAsked(serverFilters(NO_AUDIT_FILTERS));
  };

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
      <form className={styles.filters} aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        <Field label="Who">
          <Select compact value={filters.actor} onChange={(e) => set({ actor: e.target.value })}>
            <option value="">Anyone</option>
            {(users.data ?? [])
              .slice()
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            <option value="system">Tandem itself (scheduled jobs)</option>
          </Select>
        </Field>
        <Field label="What">
          <Select compact value={filters.kind} onChange={(e) => set({ kind: e.target.value })}>
            <option value="">Any change</option>
            {kindOptions().map((group) => (
              <optgroup key={group.category} label={group.label}>
                {group.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </Field>
        <Field label="From">
          <Input compact type="date" value={filters.from} onChange={(e) => set({ from: e.target.value })} />
        </Field>
        <Field label="To" error={dates}>
          <Input compact type="date" value={filters.to} onChange={(e) => set({ to: e.target.value })} />
        </Field>
        {filtered ? (
          <Button size="sm" variant="ghost" icon="x" className={styles.clear} onClick={clear}>
            Clear filters
          </Button>
        ) : null}
      </form>
      {audit.isPending ? (
        <PageSpinner label="Loading audit log" />
      ) : audit.isError ? (
        <ErrorNotice error={audit.error} onRetry={() => void audit.refetch()} />
      ) : entries.length === 0 ? (
        Object.keys(asked).length > 0 ? (
          <EmptyState icon="activity" title="No entries match">
            <p>Nothing in the whole log matches these filters. Change or clear them to see more.</p>
          </EmptyState>
        ) : (
          <EmptyState icon="activity" title="Nothing recorded yet">
            <p>Shares, grants, switches, role changes and messages sent on someone’s behalf will appear here.</p>
          </EmptyState>
        )
      ) : (
        <TableCard>
          {filtered ? (
            <p className={cx(styles.count, 'muted small')} role="status">
              {audit.hasNextPage ? `The newest ${entries.length} matching entries; older ones below.` : `${entries.length} matching ${entries.length === 1 ? 'entry' : 'entries'} in the whole log.`}
            </p>
          ) : null}
          <Table className={styles.table} aria-label="Audit log">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>What</th>
                <th aria-label="Details" />
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => {
                const sentence = describeAudit(e, names);
                return (
                  <Fragment key={e.id}>
                    <tr className={styles.entry} data-testid="audit-row" data-action={e.action}>
                      <td className={styles.when}>{formatDateTime(e.at)}</td>
                      <td className={styles.who}>{sentence.actor}</td>
                      <td className={styles.what}>
                        <span className={styles.sentence}>{sentence.text}</span>
                        <span className={cx(styles.kind, 'muted small')}>{ACTION_LABEL[e.action]?.label ?? humaniseCode(e.action)}</span>
                      </td>
                      <td className={styles.actions}>
                        <Button size="sm" variant="ghost" aria-expanded={open === e.id} onClick={() => setOpen(open === e.id ? null : e.id)}>
                          {open === e.id ? 'Hide' : 'Details'}
                        </Button>
                      </td>
                    </tr>
                    {open === e.id ? (
                      <tr className={styles.detailRow}>
                        <td colSpan={4}>
                          <Change entry={e} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
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
