// Create a bucket, or rename one: a single name field.
import { useState, type FormEvent } from 'react';
import type { Bucket } from '../../../api/models.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Field, Form, FormActions, Input } from '../../../ui/Field.tsx';
import { useBucketMutations } from '../hooks/useBuckets.ts';

export function BucketNameDialog({ bucket, onClose, onSaved }: { bucket: Bucket | null; onClose: () => void; onSaved: (bucket: Bucket) => void }) {
  const [name, setName] = useState(bucket?.name ?? '');
  const { create, rename } = useBucketMutations();
  const mutation = bucket ? rename : create;
  const trimmed = name.trim();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!trimmed || mutation.isPending) return;
    const done = { onSuccess: onSaved };
    if (bucket) rename.mutate({ id: bucket.id, name: trimmed }, done);
    else create.mutate(trimmed, done);
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={bucket ? `Rename ${bucket.name}` : 'New bucket'}
      description={bucket ? undefined : 'A bucket is a named group of contacts, private to you until you share it.'}
      size="sm"
      testId="bucket-name-dialog"
    >
      <Form onSubmit={submit}>
        {mutation.error ? <ErrorNotice error={mutation.error} /> : null}
        <Field label="Bucket name">
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} placeholder="Key accounts" required />
        </Field>
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={mutation.isPending} disabled={!trimmed || trimmed === bucket?.name}>
            {bucket ? 'Rename' : 'Create bucket'}
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
