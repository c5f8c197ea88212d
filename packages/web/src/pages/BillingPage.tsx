// Settings › Billing: who receives invoices and where. Tandem stores these details; it processes no payments.
import { useState, type FormEvent } from 'react';
import { useUpdateOrg } from '../features/admin/hooks/useAdmin.ts';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { cardClass } from '../ui/Card.tsx';
import { Field, Form, FormActions, FormRow, Input, TextArea } from '../ui/Field.tsx';
import { Notice } from '../ui/Notice.tsx';
import { SectionHeader } from '../ui/Page.tsx';
import { useToast } from '../ui/Toast.tsx';
import { cx } from '../lib/cx.ts';
import styles from './BillingPage.module.css';

export function BillingPage() {
  const { org } = useCurrentUser();
  const billing = org.billing;
  const [contactName, setContactName] = useState(billing?.contactName ?? '');
  const [email, setEmail] = useState(billing?.email ?? '');
  const [address, setAddress] = useState(billing?.address ?? '');
  const [vatId, setVatId] = useState(billing?.vatId ?? '');
  const update = useUpdateOrg();
  const toast = useToast();
  const clean = (text: string | null | undefined) => text?.trim() || null;
  const value = { contactName: clean(contactName), email: clean(email), address: clean(address), vatId: clean(vatId) };
  const saved = { contactName: clean(billing?.contactName), email: clean(billing?.email), address: clean(billing?.address), vatId: clean(billing?.vatId) };
  const dirty = (Object.keys(value) as (keyof typeof value)[]).some((k) => value[k] !== saved[k]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ billing: value }, { onSuccess: () => toast.show('Billing details saved') });
  };
  return (
    <section aria-labelledby="billing-title">
      <SectionHeader id="billing-title" title="Billing details" description="Who receives invoices, and the address printed on them." />
      <Form className={cx(cardClass('roomy'), styles.narrow)} onSubmit={submit}>
        <Notice tone="info" icon="info" small>
          Tandem only stores these details. It does not take or process payments.
        </Notice>
        {update.error ? <ErrorNotice error={update.error} /> : null}
        <FormRow>
          <Field label="Billing contact">
            <Input name="contactName" value={contactName} onChange={(e) => setContactName(e.target.value)} />
          </Field>
          <Field label="Invoice e-mail">
            <Input name="billingEmail" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
        </FormRow>
        <Field label="Address">
          <TextArea name="address" rows={3} value={address} onChange={(e) => setAddress(e.target.value)} />
        </Field>
        <Field label="VAT number" optional>
          <Input name="vatId" value={vatId} onChange={(e) => setVatId(e.target.value)} />
        </Field>
        <FormActions>
          <Button type="submit" variant="primary" disabled={!dirty} loading={update.isPending}>
            Save billing details
          </Button>
        </FormActions>
      </Form>
    </section>
  );
}
