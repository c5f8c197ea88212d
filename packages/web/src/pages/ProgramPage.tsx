// One program: its name, owner and the caller's access (and why: AccessSourcesLine); its steps (editable with
// `edit`); the enrolments of contacts the caller sees, with pause, resume, stop and "Enrol a contact"; who it is
// shared with (owner and admins: HandSharedSharesCard); rename (`edit`) and delete after a confirmation (`manage`).
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ProgramDto } from '@tandem/api';
import { errorMessage, isStatus } from '../api/errors.ts';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { countOf } from '../features/buckets/add-contacts.ts';
import { AccessSourcesLine, HandSharedAccessBadge, HandSharedSharesCard } from '../features/hand-shared/index.ts';
import { EnrollmentsCard } from '../features/programs/components/EnrollmentsCard.tsx';
import { ProgramNameDialog } from '../features/programs/components/ProgramNameDialog.tsx';
import { ProgramStepsCard } from '../features/programs/components/ProgramStepsCard.tsx';
import { programKey, useEnrollments, useProgram, useProgramMutations } from '../features/programs/hooks/usePrograms.ts';
import { countsText } from '../features/programs/program-words.ts';
import { buttonClass } from '../ui/Button.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Icon } from '../ui/Icon.tsx';
import { Menu, type MenuItem } from '../ui/Menu.tsx';
import { Page } from '../ui/Page.tsx';
import { PageSpinner } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';
import styles from './ProgramPage.module.css';

export function ProgramPage() {
  const { id = '' } = useParams();
  const program = useProgram(id);
  if (program.isPending) return <PageSpinner label="Loading program" />;
  if (program.isError) {
    return (
      <Page centered>
        {isStatus(program.error, 404) ? (
          <EmptyState icon="lock" title="This program is not available" action={<Link className={buttonClass({ variant: 'primary' })} to="/programs">Back to programs</Link>}>
            <p>It may have been deleted, or it is no longer shared with you.</p>
          </EmptyState>
        ) : (
          <ErrorNotice error={program.error} onRetry={() => void program.refetch()} />
        )}
      </Page>
    );
  }
  return <ProgramView key={program.data.id} program={program.data} />;
}

function ProgramView({ program }: { program: ProgramDto }) {
  const { user } = useCurrentUser();
  const [dialog, setDialog] = useState<'rename' | 'delete' | null>(null);
  const { remove } = useProgramMutations();
  const toast = useToast();
  const navigate = useNavigate();
  const mine = program.ownerId === user.id;
  // The enrolments table is read again as steps fall due; the program (its counts) is read again with it.
  const client = useQueryClient();
  const { dataUpdatedAt } = useEnrollments(program.id);
  const firstRead = useRef(0);
  useEffect(() => {
    if (!dataUpdatedAt) return;
    firstRead.current ||= dataUpdatedAt;
    if (dataUpdatedAt !== firstRead.current) void client.invalidateQueries({ queryKey: programKey(program.id) });
  }, [client, dataUpdatedAt, program.id]);
  const counts = program.counts;
  const live = counts.active + counts.paused;

  const more: MenuItem[] = [];
  if (program.access.actions.includes('edit')) more.push({ label: 'Rename', icon: 'edit', onSelect: () => setDialog('rename') });
  if (program.access.actions.includes('manage')) more.push({ label: 'Delete program', icon: 'trash', danger: true, onSelect: () => setDialog('delete') });

  return (
    <Page>
      <nav className={styles.breadcrumb} aria-label="Breadcrumb">
        <Link to="/programs">
          <Icon name="arrowLeft" size={14} /> Programs
        </Link>
      </nav>
      <header className={styles.header}>
        <span className={styles.icon}>
          <Icon name="send" size={24} />
        </span>
        <div className={styles.heading}>
          <h1 className={styles.title}>{program.name}</h1>
          <div className={styles.badges}>
            <HandSharedAccessBadge access={program.access} />
            <span className="muted">
              {mine ? 'Yours' : `Owned by ${program.ownerName}`} · {countOf(program.steps.length, 'step', 'steps')} · {countsText(counts)}
            </span>
          </div>
          <AccessSourcesLine access={program.access} />
        </div>
        {more.length > 0 ? (
          <div className={styles.actions}>
            <Menu label="More" items={more} />
          </div>
        ) : null}
      </header>

      <div className={styles.layout}>
        <div className={styles.main}>
          <ProgramStepsCard program={program} />
          <EnrollmentsCard program={program} />
        </div>
        <div className={styles.side}>
          <HandSharedSharesCard resource="program" id={program.id} access={program.access} name={program.name} ownerId={program.ownerId} />
          <p className={styles.footnote}>
            <Icon name="info" size={14} />
            <span>
              Sharing a program lets others enrol contacts they collaborate on; it gives nobody access to a contact. Each step goes out on the contact owner’s behalf, and stops for a contact whose enroller no longer collaborates on it.
            </span>
          </p>
        </div>
      </div>

      {dialog === 'rename' ? (
        <ProgramNameDialog
          program={program}
          onClose={() => setDialog(null)}
          onSaved={(renamed) => {
            setDialog(null);
            toast.show(`Renamed to ${renamed.name}`);
          }}
        />
      ) : null}
      <ConfirmDialog
        open={dialog === 'delete'}
        title={`Delete ${program.name}?`}
        confirmLabel="Delete program"
        danger
        pending={remove.isPending}
        onClose={() => setDialog(null)}
        onConfirm={() =>
          remove.mutate(program.id, {
            onSuccess: () => {
              toast.show(`${program.name} deleted`);
              navigate('/programs');
            },
            onError: (e) => toast.show(errorMessage(e), 'error'),
          })
        }
      >
        <p>
          {live > 0 ? `${countOf(live)} still in it will get no further steps. ` : ''}Messages already sent stay in each contact’s history. Everyone it is shared with loses it. This cannot be undone.
        </p>
      </ConfirmDialog>
    </Page>
  );
}
