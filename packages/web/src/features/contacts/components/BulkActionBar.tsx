// While contacts are picked in the list: how many, "select all shown", "Add to bucket" (its own dialog: the bucket
// endpoint is all or nothing, so contacts the user cannot edit are named and left out up front), and the bulk actions
// of POST /contacts/bulk (share, give to someone, tag, untag, archive, unarchive, trash, restore). After a bulk action
// the server's report is shown in words ("12 done, 3 refused: you need Edit on them") and the refused contacts stay
// picked; when nothing is refused a toast says what was done and the selection ends. Takes over the selection of
// features/buckets/components/ContactSelection.tsx (same bar, same test id). "Enrol in program…" opens its own dialog
// (features/programs) and reports refusals the same way.
import { useState } from 'react';
import type { BulkAction, Contact } from '../../../api/models.ts';
import { Button } from '../../../ui/Button.tsx';
import { Menu, type MenuItem } from '../../../ui/Menu.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { Spinner } from '../../../ui/Spinner.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { countOf } from '../../buckets/add-contacts.ts';
import { AddToBucketDialog } from '../../buckets/components/AddToBucketDialog.tsx';
import type { ContactSelection } from '../../buckets/components/ContactSelection.tsx';
import { EnrollInProgramDialog } from '../../programs/components/EnrollInProgramDialog.tsx';
import { bulkReport, type BulkReport } from '../bulk-report.ts';
import { useBulkContacts } from '../hooks/useBulkContacts.ts';
import type { InboxView } from '../hooks/useContacts.ts';
import styles from './BulkActionBar.module.css';
import { BulkActionDialog, type AskedKind } from './BulkActionDialog.tsx';

export function BulkActionBar({ selection, items, view }: { selection: ContactSelection; items: Contact[]; view: InboxView }) {
  const [adding, setAdding] = useState(false);
  const [enrolling, setEnrolling] = useState(false);
  const [asking, setAsking] = useState<AskedKind | null>(null);
  const [report, setReport] = useState<BulkReport | null>(null);
  const bulk = useBulkContacts();
  const toast = useToast();
  if (!selection.active) return null;
  const picked = [...selection.selected.values()];
  const count = picked.length;
  const allShown = items.length > 0 && items.every((c) => selection.selected.has(c.id));

  const run = (action: BulkAction) => {
    const names = new Map(picked.map((c) => [c.id, c.name]));
    bulk.mutate({ ids: picked.map((c) => c.id), action }, {
      onSuccess: (result) => {
        setAsking(null);
        show(bulkReport(action.action, result, (id) => names.get(id)));
      },
    });
  };
  /** Nothing refused: a toast, and the selection ends; else the report, with only the refused ones still ticked. */
  const show = (said: BulkReport) => {
    if (said.refusedIds.length === 0) {
      toast.show(said.summary);
      setReport(null);
      selection.stop();
      return;
    }
    const refused = new Set(said.refusedIds);
    selection.setMany(picked.filter((c) => !refused.has(c.id)), false);
    setReport(said);
  };
  const ask = (kind: AskedKind) => {
    bulk.reset();
    setReport(null);
    setAsking(kind);
  };
  const now = (action: BulkAction) => {
    setReport(null);
    run(action);
  };

  const actions: MenuItem[] = view === 'trash'
    ? [{ label: 'Restore', icon: 'restore', onSelect: () => now({ action: 'restore' }) }]
    : [
      { label: 'Share…', icon: 'share', onSelect: () => ask('share') },
      { label: 'Give to…', icon: 'userCheck', onSelect: () => ask('reassign') },
      { label: 'Enrol in program…', icon: 'send', onSelect: () => { setReport(null); setEnrolling(true); } },
      { label: 'Add tag…', icon: 'tag', onSelect: () => ask('addTag') },
      { label: 'Remove tag…', icon: 'tag', onSelect: () => ask('removeTag') },
      view === 'archived'
        ? { label: 'Unarchive', icon: 'archive', onSelect: () => now({ action: 'unarchive' }) }
        : { label: 'Archive', icon: 'archive', onSelect: () => now({ action: 'archive' }) },
      { label: 'Move to trash…', icon: 'trash', danger: true, onSelect: () => ask('delete') },
    ];

  return (
    <div className={styles.wrap}>
      <div className={styles.bar} role="region" aria-label="Selected contacts" data-testid="selection-bar">
        <span className={styles.count} aria-live="polite">
          {count === 0 ? 'Tick the contacts you want' : `${countOf(count)} selected`}
        </span>
        <Button size="sm" variant="ghost" onClick={() => selection.setMany(items, !allShown)}>
          {allShown ? 'Clear all' : 'Select all shown'}
        </Button>
        <span className={styles.spacer} />
        {view !== 'trash' ? (
          <Button size="sm" variant="primary" icon="folderPlus" disabled={count === 0} onClick={() => setAdding(true)}>
            Add to bucket
          </Button>
        ) : null}
        {count > 0 ? (bulk.isPending ? <Spinner size={16} label="Working on the selected contacts" /> : <Menu label="Actions" icon="chevronDown" items={actions} />) : null}
        <Button
          size="sm"
          onClick={() => {
            setReport(null);
            selection.stop();
          }}
        >
          Done
        </Button>
      </div>
      {report ? (
        <Notice tone="warning" icon="alert" role="status" testId="bulk-report" title={report.summary}>
          {report.reasons.length > 0 ? (
            <ul className={styles.reasons}>
              {report.reasons.map((r) => <li key={r}>{r}</li>)}
            </ul>
          ) : null}
          <p className={styles.hint}>The contacts that were refused stay ticked.</p>
        </Notice>
      ) : null}
      {!asking && bulk.error ? (
        <Notice tone="danger" icon="alert" role="alert" testId="bulk-error" title="Nothing was changed">
          <p>{bulk.error.message}</p>
        </Notice>
      ) : null}
      {asking ? (
        <BulkActionDialog kind={asking} contacts={picked} pending={bulk.isPending} error={bulk.error} onRun={run} onClose={() => setAsking(null)} />
      ) : null}
      {enrolling ? (
        <EnrollInProgramDialog
          contacts={picked}
          onClose={() => setEnrolling(false)}
          onDone={(said) => {
            setEnrolling(false);
            show(said);
          }}
        />
      ) : null}
      {adding ? (
        <AddToBucketDialog contacts={picked} onClose={() => setAdding(false)} onAdded={() => selection.stop()} />
      ) : null}
    </div>
  );
}
