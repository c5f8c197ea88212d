// A program's enrolments of the contacts the caller sees: the contact, its status (for a stopped one, why, in
// words), where it stands and when the next step goes out, and who enrolled it; pause, resume and stop (after a
// confirmation) for live ones, and "Enrol a contact"; 50 at a time ("Load more"). The server decides each change (the same as enrolling, or
// `edit` on the program) and a refusal is said in a toast.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { EnrollmentDto, EnrollmentStatus, ProgramDto } from '@tandem/api';
import { errorMessage } from '../../../api/errors.ts';
import { Badge, type BadgeTone } from '../../../ui/Badge.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Card, CardHeader, CardLoading } from '../../../ui/Card.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useCurrentUser } from '../../auth/hooks/useCurrentUser.ts';
import { useEnrollmentMutations, useEnrollments } from '../hooks/usePrograms.ts';
import { nextStepText, STATUS_LABEL, stopReasonText } from '../program-words.ts';
import { EnrollContactDialog } from './EnrollContactDialog.tsx';
import styles from './EnrollmentsCard.module.css';

const TONE: Record<EnrollmentStatus, BadgeTone> = { active: 'accent', paused: 'warning', stopped: 'danger', completed: 'success' };

export function EnrollmentsCard({ program }: { program: ProgramDto }) {
  const { user } = useCurrentUser();
  const enrollments = useEnrollments(program.id);
  const items = enrollments.data?.pages.flatMap((p) => p.items) ?? [];
  const { setStatus } = useEnrollmentMutations();
  const [stopping, setStopping] = useState<EnrollmentDto | null>(null);
  const [enrolling, setEnrolling] = useState(false);
  const toast = useToast();
  const canUse = program.access.actions.includes('view');
  const change = (e: EnrollmentDto, status: 'paused' | 'active' | 'stopped', said: string) =>
    setStatus.mutate({ id: e.id, status }, {
      onSuccess: () => {
        toast.show(said);
        setStopping(null);
      },
      onError: (err) => toast.show(errorMessage(err), 'error'),
    });

  return (
    <Card as="section" padding="flush" aria-labelledby="program-enrollments-title" data-testid="program-enrollments">
      <div className={styles.header}>
        <CardHeader id="program-enrollments-title" title="Enrolled contacts">
          {canUse ? (
            <Button size="sm" variant="primary" icon="userPlus" onClick={() => setEnrolling(true)}>
              Enrol a contact
            </Button>
          ) : null}
        </CardHeader>
      </div>
      {enrollments.isPending ? (
        <CardLoading label="Loading enrolments" />
      ) : enrollments.isError ? (
        <div className={styles.message}>
          <ErrorNotice error={enrollments.error} onRetry={() => void enrollments.refetch()} />
        </div>
      ) : items.length === 0 ? (
        <p className={styles.message}>No contact you can see is in this program yet. Enrol one here, or pick several in the contacts list and choose “Enrol in program…”.</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Contact</th>
              <th scope="col">Status</th>
              <th scope="col">Next step</th>
              <th scope="col">Enrolled by</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => {
              const enroller = e.enrolledBy === user.id ? 'You' : e.enrolledByName;
              const live = e.status === 'active' || e.status === 'paused';
              return (
                <tr key={e.id} data-testid="enrollment-row">
                  <td className={styles.contact}>
                    <Link to={`/contacts/${e.contactId}`}>{e.contactName}</Link>
                  </td>
                  <td className={styles.status}>
                    <Badge tone={TONE[e.status]} testId="enrollment-status">{STATUS_LABEL[e.status]}</Badge>
                    {e.status === 'stopped' ? (
                      <span className={styles.reason} data-testid="enrollment-reason">
                        {stopReasonText(e.stoppedReason, e.enrolledBy === user.id ? 'you' : e.enrolledByName, program.steps[e.nextStep]?.channel)}
                      </span>
                    ) : null}
                  </td>
                  <td className={styles.next} data-label="Next step">{nextStepText(e, program.steps)}</td>
                  <td className={styles.by} data-label="Enrolled by">{enroller}</td>
                  <td className={styles.actions}>
                    {e.status === 'active' ? (
                      <Button size="sm" onClick={() => change(e, 'paused', `${e.contactName} paused`)} disabled={setStatus.isPending} aria-label={`Pause ${e.contactName}`}>
                        Pause
                      </Button>
                    ) : null}
                    {e.status === 'paused' ? (
                      <Button size="sm" onClick={() => change(e, 'active', `${e.contactName} resumed`)} disabled={setStatus.isPending} aria-label={`Resume ${e.contactName}`}>
                        Resume
                      </Button>
                    ) : null}
                    {live ? (
                      <Button size="sm" variant="ghost" onClick={() => setStopping(e)} aria-label={`Stop ${e.contactName}`}>
                        Stop
                      </Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {enrollments.hasNextPage ? (
        <div className={styles.more}>
          <Button size="sm" loading={enrollments.isFetchingNextPage} onClick={() => void enrollments.fetchNextPage()}>
            Load more
          </Button>
        </div>
      ) : null}
      <ConfirmDialog
        open={stopping !== null}
        title={`Stop the program for ${stopping?.contactName ?? ''}?`}
        confirmLabel="Stop"
        danger
        pending={setStatus.isPending}
        onClose={() => setStopping(null)}
        onConfirm={() => stopping && change(stopping, 'stopped', `${stopping.contactName} stopped: no further steps are sent`)}
      >
        <p>No further steps of {program.name} are sent to {stopping?.contactName}. What was sent stays in their history. To start again, enrol them anew (from the first step).</p>
      </ConfirmDialog>
      {enrolling ? <EnrollContactDialog program={program} onClose={() => setEnrolling(false)} /> : null}
    </Card>
  );
}
