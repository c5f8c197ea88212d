// Settings › Billing: who receives invoices and where. Tandem stores these details; it processes no payments.
import { useState, type FormEvent } from 'react';
import { useUpdateOrg } from '../features/admin/hooks/useAdmin.ts';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';
import { Icon } from '../ui/Icon.tsx';
import { useToast } from '../ui/Toast.tsx';

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
      <div className="section-header">
        <div>
          <h2 id="billing-title">Billing details</h2>
          <p className="muted">Who receives invoices, and the address printed on them.</p>
        </div>
      </div>
      <form className="card settings-card form narrow" onSubmit={submit}>
        <p className="notice notice-info small">
          <Icon name="info" /> Tandem only stores these details. It does not take or process payments.
        </p>
        {update.error ? <ErrorNotice error={update.error} /> : null}
        <div className="form-row">
          <Field label="Billing contact">
            <input className="input" name="contactName" value={contactName} onChange={(e) => setContactName(e.target.value)} />
          </Field>
          <Field label="Invoice e-mail">
            <input className="input" name="billingEmail" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
        </div>
        <Field label="Address">
          <textarea className="input textarea" name="address" rows={3} value={address} onChange={(e) => setAddress(e.target.value)} />
        </Field>
        <Field label="VAT number" optional>
          <input className="input" name="vatId" value={vatId} onChange={(e) => setVatId(e.target.value)} />
        </Field>
        <div className="form-actions">
          <Button type="submit" variant="primary" disabled={!dirty} loading={update.isPending}>
            Save billing details
          </Button>
        </div>
      </form>
    </section>
  );
}
