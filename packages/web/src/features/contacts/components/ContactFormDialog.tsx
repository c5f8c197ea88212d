// Create or edit a contact's profile fields. The server's validation errors show under their own fields, and the
// inputs stop at the API's limits (issue 10, defect 7). Closing the dialog with changes not saved asks first, and so
// does leaving the page while it is open (defect 8).
import { useEffect, useLayoutEffect, useState, type FormEvent } from 'react';
import { fieldErrorsOf, LIMITS } from '../../../api/field-errors.ts';
import type { Contact, ContactInput } from '../../../api/models.ts';
import { Button } from '../../../ui/Button.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Field, Form, FormActions, FormRow, Input, TextArea } from '../../../ui/Field.tsx';
import { UnsavedChanges } from '../../../ui/UnsavedChanges.tsx';

const FIELDS = ['name', 'company', 'title', 'emails', 'phones', 'tags', 'address'] as const;

function splitList(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

export function ContactFormDialog({ open, onClose, contact, onSubmit, pending, error }: {
  open: boolean;
  onClose: () => void;
  contact?: Contact;
  onSubmit: (input: ContactInput) => void;
  pending: boolean;
  error: unknown;
}) {
  const [dirty, setDirty] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const close = () => {
    if (dirty && !pending) setConfirming(true);
    else onClose();
  };
  useEffect(() => {
    if (!open) {
      setDirty(false);
      setConfirming(false);
    }
  }, [open]);
  return (
    <Dialog open={open} onClose={close} title={contact ? `Edit ${contact.name}` : 'New contact'} description={contact ? undefined : 'Only you can see a new contact until you share it.'} testId="contact-form">
      <ContactForm contact={contact} onSubmit={onSubmit} onCancel={close} pending={pending} error={error} onDirty={setDirty} />
      <UnsavedChanges when={open && dirty && !pending} what={contact ? `the changes to ${contact.name}` : 'the new contact'} />
      <ConfirmDialog
        open={confirming}
        title={contact ? 'Discard your changes?' : 'Discard the new contact?'}
        confirmLabel="Discard"
        danger
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          onClose();
        }}
      >
        <p>{contact ? `What you changed on ${contact.name} is not saved yet.` : 'What you typed is not saved yet.'} Discarding it cannot be undone.</p>
      </ConfirmDialog>
    </Dialog>
  );
}

function ContactForm({ contact, onSubmit, onCancel, pending, error, onDirty }: {
  contact?: Contact;
  onSubmit: (input: ContactInput) => void;
  onCancel: () => void;
  pending: boolean;
  error: unknown;
  onDirty: (dirty: boolean) => void;
}) {
  const [name, setName] = useState(contact?.name ?? '');
  const [company, setCompany] = useState(contact?.company ?? '');
  const [title, setTitle] = useState(contact?.title ?? '');
  const [emails, setEmails] = useState((contact?.emails ?? []).join(', '));
  const [phones, setPhones] = useState((contact?.phones ?? []).join(', '));
  const [tags, setTags] = useState((contact?.tags ?? []).join(', '));
  const [address, setAddress] = useState(contact?.address ?? '');
  const [touched, setTouched] = useState(false);

  const dirty =
    name !== (contact?.name ?? '') ||
    company !== (contact?.company ?? '') ||
    title !== (contact?.title ?? '') ||
    emails !== (contact?.emails ?? []).join(', ') ||
    phones !== (contact?.phones ?? []).join(', ') ||
    tags !== (contact?.tags ?? []).join(', ') ||
    address !== (contact?.address ?? '');
  // Before the next event: an Escape right after typing already finds the form dirty.
  useLayoutEffect(() => onDirty(dirty), [dirty, onDirty]);
  const server = fieldErrorsOf(error, FIELDS);
  const otherError = error && (Object.keys(server.byField).length === 0 || server.other.length > 0);
  const badEmail = splitList(emails).find((e) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!name.trim() || badEmail) return;
    onSubmit({
      name: name.trim(),
      company: company.trim() || null,
      title: title.trim() || null,
      emails: splitList(emails),
      phones: splitList(phones),
      tags: splitList(tags),
      ...(contact || address.trim() ? { address: address.trim() || null } : {}),
    });
  };

  return (
    <Form onSubmit={submit} noValidate>
      {otherError ? <ErrorNotice error={error} /> : null}
      <Field label="Name" error={server.byField.name ?? (touched && !name.trim() ? 'A contact needs a name.' : null)}>
        <Input name="name" autoFocus maxLength={LIMITS.contactName} value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <FormRow>
        <Field label="Company" optional error={server.byField.company ?? null}>
          <Input name="company" maxLength={LIMITS.company} value={company} onChange={(e) => setCompany(e.target.value)} />
        </Field>
        <Field label="Job title" optional error={server.byField.title ?? null}>
          <Input name="title" maxLength={LIMITS.jobTitle} value={title} onChange={(e) => setTitle(e.target.value)} />
        </Field>
      </FormRow>
      <FormRow>
        <Field label="E-mail addresses" hint="Separate several with commas." error={server.byField.emails ?? (touched && badEmail ? `“${badEmail}” is not an e-mail address.` : null)} optional>
          <Input name="emails" value={emails} onChange={(e) => setEmails(e.target.value)} />
        </Field>
        <Field label="Phone numbers" hint={`Separate several with commas; up to ${LIMITS.phone} characters each.`} error={server.byField.phones ?? null} optional>
          <Input name="phones" value={phones} onChange={(e) => setPhones(e.target.value)} />
        </Field>
      </FormRow>
      <Field label="Tags" hint={`For example: lead, vip. Up to ${LIMITS.tag} characters each.`} error={server.byField.tags ?? null} optional>
        <Input name="tags" value={tags} onChange={(e) => setTags(e.target.value)} />
      </Field>
      <Field label="Address" optional error={server.byField.address ?? null}>
        <TextArea name="address" rows={2} maxLength={LIMITS.address} value={address} onChange={(e) => setAddress(e.target.value)} />
      </Field>
      <FormActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" loading={pending}>
          {contact ? 'Save changes' : 'Create contact'}
        </Button>
      </FormActions>
    </Form>
  );
}
