// Create a pipeline, or change one (`edit` access): its name and its ordered stages. Removing a stage that still holds
// cards is refused by the server (409 TANDEM_PIPELINE_STAGE_NOT_EMPTY, cards of contacts the caller cannot see count
// too), and the dialog says so in words, naming the stages the save would have removed.
import type { PipelineDto } from '@tandem/api';
import { useState, type FormEvent } from 'react';
import { hasCode } from '../../../api/errors.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Field, FieldError, Form, FormActions, Input } from '../../../ui/Field.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { usePipelineMutations } from '../hooks/usePipelines.ts';
import { draftsOf, removedStages, stagesInput, stagesProblem, type StageDraft } from '../stage-drafts.ts';
import { StagesEditor } from './StagesEditor.tsx';

export function PipelineDialog({ pipeline, cardCounts, onClose, onSaved }: {
  pipeline: PipelineDto | null;
  cardCounts?: ReadonlyMap<string, number>;
  onClose: () => void;
  onSaved: (pipeline: PipelineDto) => void;
}) {
  const [name, setName] = useState(pipeline?.name ?? '');
  const [drafts, setDrafts] = useState<StageDraft[]>(() => draftsOf(pipeline));
  const [tried, setTried] = useState(false);
  const { create, update } = usePipelineMutations();
  const mutation = pipeline ? update : create;
  const problem = stagesProblem(drafts);
  const removed = removedStages(pipeline, drafts);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!name.trim() || problem || mutation.isPending) return;
    const body = { name: name.trim(), stages: stagesInput(drafts) };
    if (pipeline) update.mutate({ id: pipeline.id, patch: body }, { onSuccess: onSaved });
    else create.mutate(body, { onSuccess: onSaved });
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={pipeline ? `Change ${pipeline.name}` : 'New pipeline'}
      description={pipeline ? undefined : 'A board of deals in stages, each card linked to a contact. Private to you until you share it.'}
      testId="pipeline-dialog"
    >
      <Form onSubmit={submit}>
        {mutation.error && hasCode(mutation.error, 'TANDEM_PIPELINE_STAGE_NOT_EMPTY') ? (
          <Notice tone="warning" icon="alert" role="alert" title="A stage you removed still holds cards" testId="stage-not-empty">
            <p>
              {removed.length > 0 ? `${removed.map((s) => s.name).join(', ')} still ${removed.length === 1 ? 'has' : 'have'} cards on the board. ` : ''}
              Move its cards to another stage first, then remove it. Cards of contacts you cannot see count too: their owners can move them. Nothing was changed.
            </p>
          </Notice>
        ) : mutation.error ? (
          <ErrorNotice error={mutation.error} />
        ) : null}
        <Field label="Pipeline name">
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} placeholder="New business" required />
        </Field>
        <StagesEditor drafts={drafts} onChange={setDrafts} cardCounts={cardCounts} />
        {tried && problem ? <FieldError>{problem}</FieldError> : null}
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={mutation.isPending} disabled={!name.trim()}>
            {pipeline ? 'Save changes' : 'Create pipeline'}
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
