// Rename a program (`edit` on it): a single name field.
import type { ProgramDto } from '@tandem/api';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Field, Form, FormActions, Input } from '../../../ui/Field.tsx';
import { useProgramMutations } from '../hooks/usePrograms.ts';

export function ProgramNameDialog({ program, onClose, onSaved }: { program: ProgramDto; onClose: () => void; onSaved: (program: ProgramDto) => void }) {
  const [name, setName] = useState(program.name);
  const { update } = useProgramMutations();
  const trimmed = name.trim();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!trimmed) return;
    update.mutate({ id: program.id, patch: { name: trimmed } }, { onSuccess: onSaved });
  };
  return (
    <Dialog open onClose={onClose} title={`Rename ${program.name}`} size="sm" testId="program-name-dialog">
      <Form onSubmit={submit}>
        {update.error ? <ErrorNotice error={update.error} /> : null}
        <Field label="Program name">
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
        </Field>
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={update.isPending} disabled={!trimmed || trimmed === program.name}>
            Rename
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
