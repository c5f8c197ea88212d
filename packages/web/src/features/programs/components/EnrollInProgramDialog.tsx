// "Enrol in program…" for contacts picked in the contacts list: choose one of the programs the caller may use
// (`view` or more). Each contact is decided by the server as a single enrolment would be (collaborate on it, not
// already in the program); the caller gets the answer in words (enroll-report.ts) to show beside the selection.
import type { ProgramDto } from '@tandem/api';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Contact } from '../../../api/models.ts';
import { cx } from '../../../lib/cx.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { FieldGroup, Form, FormActions } from '../../../ui/Field.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { Spinner } from '../../../ui/Spinner.tsx';
import { countOf } from '../../buckets/add-contacts.ts';
import type { BulkReport } from '../../contacts/bulk-report.ts';
import { enrollReport } from '../enroll-report.ts';
import { useEnrollmentMutations, usePrograms } from '../hooks/usePrograms.ts';
import { countsText } from '../program-words.ts';
import styles from './EnrollInProgramDialog.module.css';

export function EnrollInProgramDialog({ contacts, onClose, onDone }: { contacts: Contact[]; onClose: () => void; onDone: (report: BulkReport) => void }) {
  const programs = usePrograms();
  const usable = (programs.data ?? []).filter((p) => p.access.actions.includes('view'));
  const [chosen, setChosen] = useState<ProgramDto | null>(null);
  const { enrollMany } = useEnrollmentMutations();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    const names = new Map(contacts.map((c) => [c.id, c.name]));
    enrollMany.mutate({ programId: chosen.id, contactIds: contacts.map((c) => c.id) }, {
      onSuccess: (result) => onDone(enrollReport(chosen.name, result, (id) => names.get(id))),
    });
  };

  return (
    <Dialog open onClose={onClose} title={`Enrol ${countOf(contacts.length)} in a program`} description="Each contact is checked as if you enrolled it alone: it needs Collaborate access. Any refused are listed afterwards." testId="enroll-in-program-dialog">
      <Form onSubmit={submit}>
        {enrollMany.error ? <ErrorNotice error={enrollMany.error} /> : null}
        <FieldGroup label="Program">
          {programs.isPending ? (
            <Spinner size={16} label="Loading programs" />
          ) : programs.isError ? (
            <ErrorNotice error={programs.error} onRetry={() => void programs.refetch()} />
          ) : usable.length === 0 ? (
            <p className="muted">No program to use yet. <Link to="/programs" className={styles.inlineLink}>Create a program</Link>, or ask a colleague to share one with you.</p>
          ) : (
            <div className={styles.choices} role="radiogroup" aria-label="Program">
              {usable.map((p, i) => (
                <label key={p.id} className={cx(styles.choice, chosen?.id === p.id && styles.selected)}>
                  <input type="radio" name="program" value={p.id} checked={chosen?.id === p.id} onChange={() => setChosen(p)} data-autofocus={i === 0 || undefined} />
                  <Icon name="send" />
                  <span className={styles.choiceName}>{p.name}</span>
                  <span className={styles.choiceDetail}>
                    {countOf(p.steps.length, 'step', 'steps')} · {countsText(p.counts)}
                  </span>
                </label>
              ))}
            </div>
          )}
        </FieldGroup>
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" icon="send" loading={enrollMany.isPending} disabled={!chosen}>
            {`Enrol ${countOf(contacts.length)}`}
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
