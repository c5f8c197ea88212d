// A template's name, subject and body, with the merge-field picker. Saving creates (no template yet) or changes it
// (`edit` access); with `view` access it is read-only and says whom to ask. Delete is for the owner or an admin
// (`manage`), after a confirmation. A body the server refuses (TANDEM_TEMPLATE_INVALID: an unknown `{{...}}`) shows
// the server's detail under the body (under the subject when it is the subject's); other field errors under their
// fields.
import type { TemplateDto } from '@tandem/api';
import { useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../../api/client.ts';
import { errorMessage, hasCode } from '../../../api/errors.ts';
import { allOnFields, fieldErrorsOf } from '../../../api/field-errors.ts';
import { Button } from '../../../ui/Button.tsx';
import { cardClass } from '../../../ui/Card.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Field, FormActions, Input, TextArea } from '../../../ui/Field.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { UnsavedChanges } from '../../../ui/UnsavedChanges.tsx';
import { useTemplateMutations } from '../hooks/useTemplates.ts';
import { insertAt, unknownMergeFields } from '../merge-fields.ts';
import { MergeFieldPicker } from './MergeFieldPicker.tsx';
import styles from './TemplateEditor.module.css';

type Draft = { name: string; subject: string; body: string };
type Target = 'subject' | 'body';
const FIELDS = ['name', 'subject', 'body'] as const;
const NAME_MAX = 200;
const SUBJECT_MAX = 500;
const BODY_MAX = 20_000;

const draftOf = (t: TemplateDto | null): Draft => ({ name: t?.name ?? '', subject: t?.subject ?? '', body: t?.body ?? '' });

/** Only what changed, so a save that changes nothing sends nothing. */
function patchOf(before: Draft, after: Draft): Partial<{ name: string; subject: string | null; body: string }> {
  const patch: Partial<{ name: string; subject: string | null; body: string }> = {};
  if (after.name.trim() !== before.name) patch.name = after.name.trim();
  if (after.subject.trim() !== before.subject) patch.subject = after.subject.trim() || null;
  if (after.body !== before.body) patch.body = after.body;
  return patch;
}

export function TemplateEditor({ template, onSaved, onDeleted, onCancel }: {
  /** null: a new template. */
  template: TemplateDto | null;
  onSaved: (template: TemplateDto) => void;
  onDeleted: () => void;
  onCancel?: () => void;
}) {
  const initial = draftOf(template);
  const [draft, setDraft] = useState<Draft>(initial);
  const [failed, setFailed] = useState<unknown>(null);
  const [deleting, setDeleting] = useState(false);
  const { create, update, remove } = useTemplateMutations();
  const toast = useToast();
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const target = useRef<Target>('body');
  const caret = useRef<{ target: Target; at: number } | null>(null);

  const canEdit = template === null || template.access.actions.includes('edit');
  const canManage = template !== null && template.access.actions.includes('manage');
  const saving = create.isPending || update.isPending;
  const changed = template === null ? draft.name.trim() !== '' || draft.body !== '' : Object.keys(patchOf(initial, draft)).length > 0;

  // Put the caret after an inserted merge field once React has written the new text.
  useLayoutEffect(() => {
    const at = caret.current;
    if (!at) return;
    caret.current = null;
    const el = at.target === 'subject' ? subjectRef.current : bodyRef.current;
    el?.focus();
    el?.setSelectionRange(at.at, at.at);
  });

  const insert = (token: string) => {
    const which = target.current;
    const el = which === 'subject' ? subjectRef.current : bodyRef.current;
    const next = insertAt(draft[which], token, el?.selectionStart, el?.selectionEnd);
    caret.current = { target: which, at: next.caret };
    setDraft({ ...draft, [which]: next.text });
  };

  const errors = fieldErrorsOf(failed, FIELDS).byField;
  // The server's detail names the part it refuses ("The subject uses {{x}}: ..."); anything else goes under the body.
  const invalid = hasCode(failed, 'TANDEM_TEMPLATE_INVALID') && failed instanceof ApiError ? failed.detail || failed.title : null;
  const invalidSubject = invalid !== null && invalid.startsWith('The subject');
  const subjectError = invalidSubject ? invalid : errors.subject;
  const bodyError = invalid !== null && !invalidSubject ? invalid : errors.body;
  const shownApart = failed !== null && !hasCode(failed, 'TANDEM_TEMPLATE_INVALID') && !allOnFields(failed, FIELDS);
  const unknown = unknownMergeFields(`${draft.subject}\n${draft.body}`);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!canEdit || saving || !draft.name.trim() || !draft.body) return;
    setFailed(null);
    const onError = (error: unknown) => setFailed(error);
    if (template === null) {
      create.mutate(
        { name: draft.name.trim(), subject: draft.subject.trim() || null, body: draft.body },
        { onSuccess: (saved) => { toast.show(`${saved.name} created`); onSaved(saved); }, onError },
      );
      return;
    }
    const patch = patchOf(initial, draft);
    if (Object.keys(patch).length === 0) return;
    update.mutate({ id: template.id, ...patch }, { onSuccess: (saved) => { toast.show(`${saved.name} saved`); onSaved(saved); }, onError });
  };

  return (
    <form className={`${cardClass('roomy')} ${styles.editor}`} onSubmit={submit} aria-label={template ? `Template ${template.name}` : 'New template'} data-testid="template-editor">
      {canEdit ? null : (
        <Notice tone="info" icon="lock" testId="template-read-only">
          You can use this template; ask its owner for edit to change it.
        </Notice>
      )}
      {shownApart ? <ErrorNotice error={failed} /> : null}
      <Field label="Name" error={errors.name}>
        <Input value={draft.name} readOnly={!canEdit} maxLength={NAME_MAX} required onChange={(e) => setDraft({ ...draft, name: e.target.value })} data-autofocus={template === null || undefined} />
      </Field>
      <Field label="Subject" optional hint="E-mail only; SMS sends the body alone." error={subjectError}>
        <Input ref={subjectRef} value={draft.subject} readOnly={!canEdit} maxLength={SUBJECT_MAX} onFocus={() => (target.current = 'subject')} onChange={(e) => setDraft({ ...draft, subject: e.target.value })} />
      </Field>
      {canEdit ? <MergeFieldPicker onInsert={insert} disabled={saving} /> : null}
      <Field
        label="Body"
        error={bodyError}
        hint={unknown.length ? `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a merge field: saving will be refused.` : 'Merge fields are filled in for each contact when the template is used.'}
      >
        <TextArea ref={bodyRef} className={styles.body} value={draft.body} readOnly={!canEdit} rows={10} maxLength={BODY_MAX} required onFocus={() => (target.current = 'body')} onChange={(e) => setDraft({ ...draft, body: e.target.value })} />
      </Field>
      <FormActions>
        {canManage ? (
          <Button variant="ghost" icon="trash" className={styles.delete} onClick={() => setDeleting(true)}>
            Delete
          </Button>
        ) : null}
        {template === null && onCancel ? <Button onClick={onCancel}>Cancel</Button> : null}
        {canEdit ? (
          <Button type="submit" variant="primary" icon="check" disabled={!changed || !draft.name.trim() || !draft.body} loading={saving}>
            {template === null ? 'Create template' : 'Save changes'}
          </Button>
        ) : null}
      </FormActions>
      {canEdit ? <UnsavedChanges when={changed && !saving} what="the template" /> : null}
      {template ? (
        <ConfirmDialog
          open={deleting}
          title={`Delete ${template.name}?`}
          confirmLabel="Delete template"
          danger
          pending={remove.isPending}
          onClose={() => setDeleting(false)}
          onConfirm={() =>
            remove.mutate(template.id, {
              onSuccess: () => {
                toast.show(`${template.name} deleted`);
                setDeleting(false);
                onDeleted();
              },
              onError: (error) => {
                setDeleting(false);
                toast.show(errorMessage(error), 'error');
              },
            })
          }
        >
          <p>Everyone it is shared with loses it too. Messages already sent from it stay in each contact’s history.</p>
        </ConfirmDialog>
      ) : null}
    </form>
  );
}
