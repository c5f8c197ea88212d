// Programs (spec §6.6): drip sequences of templated messages. The list shows every program the caller sees (owned,
// shared with them; admins: all) with its owner, how many steps it has, its enrolments by status (of contacts the
// caller sees) and the caller's access; "New program" writes one (a name and its steps) and opens it.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { ProgramDto } from '@tandem/api';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { countOf } from '../features/buckets/add-contacts.ts';
import { HandSharedAccessBadge } from '../features/hand-shared/index.ts';
import { NewProgramDialog } from '../features/programs/components/NewProgramDialog.tsx';
import { usePrograms } from '../features/programs/hooks/usePrograms.ts';
import { countsText } from '../features/programs/program-words.ts';
import { Button } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Icon } from '../ui/Icon.tsx';
import { Page, PageHeader } from '../ui/Page.tsx';
import { PageSpinner } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';
import styles from './ProgramsPage.module.css';

export function ProgramsPage() {
  const programs = usePrograms();
  const { user } = useCurrentUser();
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const toast = useToast();
  const ownerOf = (p: ProgramDto) => (p.ownerId === user.id ? 'You' : p.ownerName);
  const newButton = (
    <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
      New program
    </Button>
  );

  return (
    <Page>
      <PageHeader title="Programs" subtitle="Drip sequences of templated messages, sent on each contact owner’s behalf. Private until you share them." actions={newButton} />
      {programs.isPending ? (
        <PageSpinner label="Loading programs" />
      ) : programs.isError ? (
        <ErrorNotice error={programs.error} onRetry={() => void programs.refetch()} />
      ) : programs.data.length === 0 ? (
        <EmptyState icon="send" title="No programs yet" action={newButton}>
          <p>A program sends a series of templates to each contact you enrol, days apart, and stops by itself for a contact you no longer collaborate on.</p>
        </EmptyState>
      ) : (
        <div className={styles.list}>
          <div className={styles.head} aria-hidden="true">
            <span>Name</span>
            <span>Owner</span>
            <span className={styles.headCount}>Steps</span>
            <span>Enrolments</span>
            <span>Your access</span>
          </div>
          <ul className={styles.rows} aria-label="Programs">
            {programs.data.map((p) => (
              <li key={p.id} data-testid="program-row">
                <Link to={`/programs/${p.id}`} className={styles.row}>
                  <span className={styles.nameCell}>
                    <span className={styles.icon}>
                      <Icon name="send" />
                    </span>
                    <span className={styles.nameText}>
                      <span className={styles.name} data-testid="program-name">{p.name}</span>
                      <span className={styles.sub}>
                        {ownerOf(p) === 'You' ? 'Yours' : `Owned by ${ownerOf(p)}`} · {countOf(p.steps.length, 'step', 'steps')}
                      </span>
                      <span className={styles.subCounts}>{countsText(p.counts)}</span>
                    </span>
                  </span>
                  <span className={styles.owner}>{ownerOf(p)}</span>
                  <span className={styles.count}>{p.steps.length}</span>
                  <span className={styles.counts} data-testid="program-counts">{countsText(p.counts)}</span>
                  <span className={styles.level}>
                    <HandSharedAccessBadge access={p.access} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {creating ? (
        <NewProgramDialog
          onClose={() => setCreating(false)}
          onCreated={(program) => {
            setCreating(false);
            toast.show(`${program.name} created`);
            navigate(`/programs/${program.id}`);
          }}
        />
      ) : null}
    </Page>
  );
}
