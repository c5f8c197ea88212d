// Create or edit a contact's profile fields.
import { useState, type FormEvent } from 'react';
import type { Contact, ContactInput } from '../../../api/models.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Field, Form, FormActions, FormRow, Input, TextArea } from '../../../ui/Field.tsx';

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
  return (
    <Dialog open={open} onClose={onClose} title={contact ? `Edit ${contact.name}` : 'New contact'} description={contact ? undefined : 'Only you can see a new contact until you share it.'} testId="contact-form">
      <ContactForm contact={contact} onSubmit={onSubmit} onCancel={onClose} pending={pending} error={error} />
    </Dialog>
  );
}

function ContactForm({ contact, onSubmit, onCancel, pending, error }: { contact?: Contact; onSubmit: (input: ContactInput) => void; onCancel: () => void; pending: boolean; error: unknown }) {
  const [name, setName] = useState(contact?.name ?? '');
  const [company, setCompany] = useState(contact?.company ?? '');
  const [title, setTitle] = useState(contact?.title ?? '');
  const [emails, setEmails] = useState((contact?.emails ?? []).join(', '));
  const [phones, setPhones] = useState((contact?.phones ?? []).join(', '));
  const [tags, setTags] = useState((contact?.tags ?? []).join(', '));
  const [address, setAddress] = useState(contact?.address ?? '');
  const [touched, setTouched] = useState(false);

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
      {error ? <ErrorNotice error={error} /> : null}
      <Field label="Name" error={touched && !name.trim() ? 'A contact needs a name.' : null}>
        <Input name="name" autoFocus value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <FormRow>
        <Field label="Company" optional>
          <Input name="company" value={company} onChange={(e) => setCompany(e.target.value)} />
        </Field>
        <Field label="Job title" optional>
          <Input name="title" value={title} onChange={(e) => setTitle(e.target.value)} />
        </Field>
      </FormRow>
      <FormRow>
        <Field label="E-mail addresses" hint="Separate several with commas." error={touched && badEmail ? `“${badEmail}” is not an e-mail address.` : null} optional>
          <Input name="emails" value={emails} onChange={(e) => setEmails(e.target.value)} />
        </Field>
        <Field label="Phone numbers" hint="Separate several with commas." optional>
          <Input name="phones" value={phones} onChange={(e) => setPhones(e.target.value)} />
        </Field>
      </FormRow>
      <Field label="Tags" hint="For example: lead, vip" optional>
        <Input name="tags" value={tags} onChange={(e) => setTags(e.target.value)} />
      </Field>
      <Field label="Address" optional>
        <TextArea name="address" rows={2} value={address} onChange={(e) => setAddress(e.target.value)} />
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
