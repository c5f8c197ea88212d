// The program's steps: with `edit`, the steps editor with Save and Discard (leaving with unsaved steps asks first);
// otherwise the steps in words and who may change them. Saving replaces the steps and enrolments keep their step
// number (the server's rule), so the card says so; a step kept with a template the caller cannot use is refused by
// the server, so the card says that before saving.
import type { ProgramDto } from '@tandem/api';
import { useState } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { Card, CardHeader, CardLoading } from '../../../ui/Card.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { FieldError } from '../../../ui/Field.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { UnsavedChanges } from '../../../ui/UnsavedChanges.tsx';
import { useProgramMutations, useUsableTemplates } from '../hooks/usePrograms.ts';
import { draftOf, stepsChanged, stepsInput, stepsProblem, type DraftStep } from '../steps.ts';
import { ProgramStepsEditor, ProgramStepsList } from './ProgramStepsEditor.tsx';
import styles from './ProgramStepsCard.module.css';

export function ProgramStepsCard({ program }: { program: ProgramDto }) {
  const canEdit = program.access.actions.includes('edit');
  return (
    <Card as="section" aria-labelledby="program-steps-title" data-testid="program-steps">
      <CardHeader id="program-steps-title" title="Steps" />
      {canEdit ? (
        <StepsEditing program={program} />
      ) : (
        <>
          <ProgramStepsList steps={program.steps} />
          <p className={styles.note}>You may use this program; only its owner and those it is shared with at Can change edit its steps.</p>
        </>
      )}
    </Card>
  );
}

function StepsEditing({ program }: { program: ProgramDto }) {
  const templates = useUsableTemplates();
  const { update } = useProgramMutations();
  const [steps, setSteps] = useState<DraftStep[]>(() => draftOf(program.steps));
  const [tried, setTried] = useState(false);
  const toast = useToast();
  const changed = stepsChanged(steps, program.steps);
  const problem = stepsProblem(steps, new Set(templates.data?.map((t) => t.id)));
  const save = () => {
    setTried(true);
    if (problem) return;
    update.mutate({ id: program.id, patch: { steps: stepsInput(steps) } }, {
      onSuccess: (saved) => {
        setSteps(draftOf(saved.steps));
        toast.show(`Steps of ${saved.name} saved`);
      },
    });
  };

  if (templates.isPending) return <CardLoading label="Loading templates" />;
  if (templates.isError) return <ErrorNotice error={templates.error} onRetry={() => void templates.refetch()} />;
  return (
    <div className={styles.editing}>
      <UnsavedChanges when={changed} what="the program’s steps" />
      {update.error ? <ErrorNotice error={update.error} /> : null}
      <ProgramStepsEditor steps={steps} onChange={setSteps} templates={templates.data} />
      {tried && problem ? <FieldError>{problem}</FieldError> : null}
      <p className={styles.note}>Contacts already enrolled keep their place by number: one waiting for step 2 gets the new step 2.</p>
      {changed ? (
        <div className={styles.actions}>
          <Button onClick={() => setSteps(draftOf(program.steps))} disabled={update.isPending}>
            Discard
          </Button>
          <Button variant="primary" icon="check" onClick={save} loading={update.isPending}>
            Save steps
          </Button>
        </div>
      ) : null}
    </div>
  );
}
