// "Add to bucket" for contacts picked in the contacts list: choose one of the buckets the caller may edit, or name
// a new one. Contacts the caller cannot edit are named and left out (the API refuses the whole request otherwise).
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Bucket, Contact } from '../../../api/models.ts';
import { cx } from '../../../lib/cx.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { FieldGroup, Form, FormActions, Input } from '../../../ui/Field.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { Spinner } from '../../../ui/Spinner.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { addedMessage, countOf, nameList, splitEditable } from '../add-contacts.ts';
import { useBucketMutations, useBuckets } from '../hooks/useBuckets.ts';
import styles from './AddToBucketDialog.module.css';

const NEW = 'new';

export function AddToBucketDialog({ contacts, onClose, onAdded }: { contacts: Contact[]; onClose: () => void; onAdded?: (bucket: Bucket) => void }) {
  const buckets = useBuckets();
  const editableBuckets = (buckets.data ?? []).filter((b) => b.access.canEdit);
  const { editable, refused } = splitEditable(contacts);
  const [choice, setChoice] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const { create, addContacts } = useBucketMutations();
  const [failed, setFailed] = useState<unknown>(null);
  const toast = useToast();
  const chosen = choice ?? (editableBuckets.length === 0 ? NEW : null);
  const pending = create.isPending || addContacts.isPending;
  const canSubmit = editable.length > 0 && chosen !== null && (chosen !== NEW || newName.trim() !== '') && !pending;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit) return;
    setFailed(null);
    try {
      const target = chosen === NEW ? await create.mutateAsync(newName.trim()) : editableBuckets.find((b) => b.id === chosen);
      if (!target) return;
      const after = await addContacts.mutateAsync({ id: target.id, contactIds: editable.map((c) => c.id) });
      toast.show(addedMessage(target.name, editable.length, chosen === NEW ? 0 : target.contactCount, after.contactCount));
      onAdded?.(after);
      onClose();
    } catch (error) {
      setFailed(error);
    }
  };

  return (
    <Dialog open onClose={onClose} title={`Add ${countOf(contacts.length)} to a bucket`} description="Everyone the bucket is shared with gets access to the contacts you add." testId="add-to-bucket-dialog">
      <Form onSubmit={submit}>
        {failed ? <ErrorNotice error={failed} /> : null}
        {refused.length > 0 ? (
          <Notice tone="warning" icon="lock" title={editable.length === 0 ? 'You cannot add these contacts' : `${countOf(refused.length)} will be left out`}>
            <p>
              Adding a contact to a bucket shares it, so it needs Edit access: you do not have it on {nameList(refused)}.
              {editable.length > 0 ? ` The other ${countOf(editable.length)} will be added.` : ''}
            </p>
          </Notice>
        ) : null}
        <FieldGroup label="Bucket">
          {buckets.isPending ? (
            <Spinner size={16} label="Loading buckets" />
          ) : buckets.isError ? (
            <ErrorNotice error={buckets.error} onRetry={() => void buckets.refetch()} />
          ) : (
            <div className={styles.choices} role="radiogroup" aria-label="Bucket">
              {editableBuckets.map((b, i) => (
                <label key={b.id} className={cx(styles.choice, chosen === b.id && styles.selected)}>
                  <input type="radio" name="bucket" value={b.id} checked={chosen === b.id} onChange={() => setChoice(b.id)} data-autofocus={i === 0 || undefined} />
                  <Icon name="folder" />
                  <span className={styles.choiceName}>{b.name}</span>
                  <span className={styles.choiceCount}>{countOf(b.contactCount)}</span>
                </label>
              ))}
              <label className={cx(styles.choice, chosen === NEW && styles.selected)}>
                <input type="radio" name="bucket" value={NEW} checked={chosen === NEW} onChange={() => setChoice(NEW)} />
                <Icon name="folderPlus" />
                <span className={styles.choiceName}>New bucket</span>
              </label>
              {chosen === NEW ? (
                <Input className={styles.newName} aria-label="New bucket name" placeholder="Key accounts" value={newName} maxLength={200} onChange={(e) => setNewName(e.target.value)} autoFocus data-autofocus={editableBuckets.length === 0 || undefined} />
              ) : null}
            </div>
          )}
        </FieldGroup>
        <p className="muted small">
          Buckets you may not edit are not offered. <Link to="/buckets" className={styles.inlineLink}>See all buckets</Link>
        </p>
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" icon="folderPlus" loading={pending} disabled={!canSubmit}>
            {editable.length > 0 ? `Add ${countOf(editable.length)}` : 'Add'}
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
