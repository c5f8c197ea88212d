// "New program": a name and the steps (at least one, each with a template the caller may use). Without any template
// to use, it says where to write one first.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { ProgramDto } from '@tandem/api';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Field, FieldError, FieldGroup, Form, FormActions, Input } from '../../../ui/Field.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { Spinner } from '../../../ui/Spinner.tsx';
import { useProgramMutations, useUsableTemplates } from '../hooks/usePrograms.ts';
import { addStep, stepsInput, stepsProblem, type DraftStep } from '../steps.ts';
import { ProgramStepsEditor } from './ProgramStepsEditor.tsx';

export function NewProgramDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (program: ProgramDto) => void }) {
  const templates = useUsableTemplates();
  const { create } = useProgramMutations();
  const [name, setName] = useState('');
  const [steps, setSteps] = useState<DraftStep[]>(() => addStep([]));
  const [tried, setTried] = useState(false);
  const problem = stepsProblem(steps);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!name.trim() || problem) return;
    create.mutate({ name: name.trim(), steps: stepsInput(steps) }, { onSuccess: onCreated });
  };

  return (
    <Dialog open onClose={onClose} title="New program" description="A sequence of templated messages, sent on each contact owner’s behalf. Private to you until you share it." size="lg" testId="new-program-dialog">
      <Form onSubmit={submit}>
        {create.error ? <ErrorNotice error={create.error} /> : null}
        <Field label="Name" error={tried && !name.trim() ? 'Give the program a name.' : null}>
          <Input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} placeholder="Renewal follow-up" data-autofocus />
        </Field>
        <FieldGroup label="Steps">
          {templates.isPending ? (
            <Spinner size={16} label="Loading templates" />
          ) : templates.isError ? (
            <ErrorNotice error={templates.error} onRetry={() => void templates.refetch()} />
          ) : templates.data.length === 0 ? (
            <Notice tone="info" icon="note" title="No template to use yet">
              <p>
                Each step sends a template. <Link to="/templates">Write a template</Link>, or ask a colleague to share one with you.
              </p>
            </Notice>
          ) : (
            <ProgramStepsEditor steps={steps} onChange={setSteps} templates={templates.data} />
          )}
          {tried && problem ? <FieldError>{problem}</FieldError> : null}
        </FieldGroup>
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" icon="plus" loading={create.isPending} disabled={!templates.data?.length}>
            Create program
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
