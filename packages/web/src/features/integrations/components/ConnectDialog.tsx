// Connect (or reconnect) one provider: Mailchimp takes an API key, an audience id and what a new member becomes;
// Google Contacts an OAuth client and a refresh token. Secrets are typed into password inputs and never shown again
// (the server answers only what the connection names). The server checks them with the provider before it keeps
// them: a refusal (TANDEM_INTEGRATION_CREDENTIALS_REJECTED / _UNREACHABLE) shows above the fields, a field the
// schema refuses under that field.
import { useState, type FormEvent } from 'react';
import { allOnFields, fieldErrorsOf } from '../../../api/field-errors.ts';
import type { MailchimpNewMemberStatus, SyncProvider } from '../../../api/models.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Field, Form, FormActions, Input, Select } from '../../../ui/Field.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useIntegrationMutations } from '../hooks/useIntegrations.ts';
import { PROVIDER_NAME } from '../sync-text.ts';
import styles from './ConnectDialog.module.css';

const NEW_MEMBER_STATUS: { value: MailchimpNewMemberStatus; label: string }[] = [
  { value: 'pending', label: 'Pending: ask each one to confirm (recommended)' },
  { value: 'subscribed', label: 'Subscribed: add them at once' },
  { value: 'transactional', label: 'Transactional: no marketing e-mail' },
];

export function ConnectDialog({ provider, open, reconnect, onClose }: { provider: SyncProvider; open: boolean; reconnect: boolean; onClose: () => void }) {
  const name = PROVIDER_NAME[provider];
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`${reconnect ? 'Reconnect' : 'Connect'} ${name}`}
      description={`Tandem checks these with ${name} before it keeps them. Secrets are stored encrypted and never shown again.`}
      testId="connect-dialog"
    >
      {open ? <ConnectForm provider={provider} onDone={onClose} /> : null}
    </Dialog>
  );
}

function ConnectForm({ provider, onDone }: { provider: SyncProvider; onDone: () => void }) {
  const { connect } = useIntegrationMutations();
  const toast = useToast();
  const [apiKey, setApiKey] = useState('');
  const [audienceId, setAudienceId] = useState('');
  const [newMemberStatus, setNewMemberStatus] = useState<MailchimpNewMemberStatus>('pending');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [refreshToken, setRefreshToken] = useState('');

  const fields = provider === 'mailchimp' ? ['apiKey', 'audienceId', 'newMemberStatus'] : ['clientId', 'clientSecret', 'refreshToken'];
  const errors = fieldErrorsOf(connect.error, fields).byField;
  const filled = provider === 'mailchimp' ? apiKey.trim() && audienceId.trim() : clientId.trim() && clientSecret.trim() && refreshToken.trim();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!filled) return;
    const input =
      provider === 'mailchimp'
        ? { provider, body: { apiKey: apiKey.trim(), audienceId: audienceId.trim(), newMemberStatus } }
        : { provider, body: { clientId: clientId.trim(), clientSecret: clientSecret.trim(), refreshToken: refreshToken.trim() } };
    connect.mutate(input, {
      onSuccess: ({ integration }) => {
        toast.show(`Connected to ${integration.account ?? PROVIDER_NAME[provider]}`);
        onDone();
      },
    });
  };

  return (
    <Form onSubmit={submit} noValidate>
      {connect.error && !allOnFields(connect.error, fields) ? <ErrorNotice error={connect.error} /> : null}
      {provider === 'mailchimp' ? (
        <>
          <Field label="API key" hint="In Mailchimp: Profile › Extras › API keys. It ends with your data centre, like “-us21”." error={errors.apiKey}>
            <Input type="password" value={apiKey} onChange={(e) => setApiKey(e.target.value)} maxLength={200} autoComplete="off" spellCheck={false} />
          </Field>
          <Field label="Audience id" hint="In Mailchimp: Audience › Settings › Audience name and defaults." error={errors.audienceId}>
            <Input value={audienceId} onChange={(e) => setAudienceId(e.target.value)} maxLength={100} autoComplete="off" spellCheck={false} />
          </Field>
          <Field
            label="New members"
            hint="Pending e-mails each new member to confirm before they join the audience. Choose Subscribed only for people who already agreed to your e-mails."
            error={errors.newMemberStatus}
          >
            <Select value={newMemberStatus} onChange={(e) => setNewMemberStatus(e.target.value as MailchimpNewMemberStatus)}>
              {NEW_MEMBER_STATUS.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </Select>
          </Field>
        </>
      ) : (
        <>
          <p className={styles.hint}>
            Create an OAuth client in the Google Cloud console (APIs &amp; Services › Credentials), then get a refresh token with the Contacts scope, for
            example in the OAuth 2.0 Playground.
          </p>
          <Field label="Client id" error={errors.clientId}>
            <Input value={clientId} onChange={(e) => setClientId(e.target.value)} maxLength={500} autoComplete="off" spellCheck={false} />
          </Field>
          <Field label="Client secret" error={errors.clientSecret}>
            <Input type="password" value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} maxLength={500} autoComplete="off" spellCheck={false} />
          </Field>
          <Field label="Refresh token" error={errors.refreshToken}>
            <Input type="password" value={refreshToken} onChange={(e) => setRefreshToken(e.target.value)} maxLength={2000} autoComplete="off" spellCheck={false} />
          </Field>
        </>
      )}
      <FormActions>
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" icon="link" loading={connect.isPending} disabled={!filled}>
          Connect
        </Button>
      </FormActions>
    </Form>
  );
}
