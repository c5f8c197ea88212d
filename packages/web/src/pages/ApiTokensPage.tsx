// Personal API tokens: create one (its secret is shown once), see and revoke yours, and, when the `api` channel is
// closed to you, why (spec §9) and what to ask for. Every signed-in user has this page; it lists only their tokens.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.ts';
import { errorMessage } from '../api/errors.ts';
import type { ApiToken } from '../api/models.ts';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { API_BLOCK_TEXT, apiChannelBlock } from '../features/tokens/api-channel.ts';
import { TokenRevealDialog } from '../features/tokens/components/TokenRevealDialog.tsx';
import { useExportSwitch, useTokenMutations, useTokens } from '../features/tokens/hooks/useTokens.ts';
import { formatDate, formatDateTime } from '../lib/format.ts';
import { Button } from '../ui/Button.tsx';
import { Card, CardHeader, CardLoading } from '../ui/Card.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Field, Form, Input, Select } from '../ui/Field.tsx';
import { Notice } from '../ui/Notice.tsx';
import { Page, PageHeader } from '../ui/Page.tsx';
import { useToast } from '../ui/Toast.tsx';
import styles from './ApiTokensPage.module.css';

type ApiTokenScope = ApiToken['scope'];

/** Read only first and preselected: a token changes data only when someone asked for that on purpose (D37). */
const SCOPES: { value: ApiTokenScope; label: string }[] = [
  { value: 'read', label: 'Read only' },
  { value: 'write', label: 'Read and write' },
];
const SCOPE_TEXT: Record<ApiTokenScope, string> = { read: 'Read only', write: 'Read and write' };

const EXPIRY: { value: string; label: string; days: number | null }[] = [
  { value: 'never', label: 'Never', days: null },
  { value: '30', label: 'In 30 days', days: 30 },
  { value: '90', label: 'In 90 days', days: 90 },
  { value: '365', label: 'In a year', days: 365 },
];

export function ApiTokensPage() {
  const { user } = useCurrentUser();
  const settings = useExportSwitch();
  const tokens = useTokens();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const { create, revoke } = useTokenMutations();
  const toast = useToast();
  const refusedByServer = create.error instanceof ApiError && create.error.code === 'TANDEM_EXPORT_CHANNEL_FORBIDDEN';
  const block = apiChannelBlock(user, settings.data) ?? (refusedByServer ? 'no-channel' : null);

  return (
    <Page>
      <PageHeader title="API tokens" subtitle="A personal token lets a script or another tool use Tandem’s API as you, with exactly your access." />
      {block ? (
        <Notice tone="warning" icon="lock" title={`You cannot use the API: ${API_BLOCK_TEXT[block].title.toLowerCase()}.`} testId="api-blocked" role="status">
          <p>{API_BLOCK_TEXT[block].detail} Until then you cannot create tokens, and the ones below do not work.</p>
        </Notice>
      ) : null}

      <CreateTokenCard
        disabled={block !== null}
        pending={create.isPending}
        error={refusedByServer ? null : create.error}
        onCreate={(input) => create.mutate(input, { onSuccess: (answer) => setCreated({ name: answer.apiToken.name, token: answer.token }) })}
      />

      <Card as="section" padding="flush" aria-labelledby="tokens-title" data-testid="token-list">
        <div className={styles.listHeader}>
          <CardHeader id="tokens-title" title="Your tokens" />
        </div>
        {tokens.isPending ? (
          <CardLoading label="Loading tokens" />
        ) : tokens.isError ? (
          <div className={styles.message}>
            <ErrorNotice error={tokens.error} onRetry={() => void tokens.refetch()} />
          </div>
        ) : tokens.data.length === 0 ? (
          <EmptyState icon="key" title="No tokens yet">
            <p>Tokens you create appear here. Revoke one as soon as you no longer need it.</p>
          </EmptyState>
        ) : (
          <ul className={styles.rows} aria-label="API tokens">
            {tokens.data.map((t) => (
              <TokenRow key={t.id} token={t} onRevoke={() => setRevoking(t)} />
            ))}
          </ul>
        )}
      </Card>
      <p className={styles.footnote}>
        Send a token as <code>Authorization: Bearer &lt;token&gt;</code> to <code>{window.location.origin}/api/v1</code>. The endpoints are described at{' '}
        <a href="/api/docs">/api/docs</a>.
      </p>

      {created ? <TokenRevealDialog name={created.name} token={created.token} onClose={() => setCreated(null)} /> : null}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke token"
        danger
        pending={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              toast.show(`${revoking.name} revoked`);
              setRevoking(null);
            },
            onError: (e) => toast.show(errorMessage(e), 'error'),
          })
        }
      >
        <p>Anything that uses this token stops working at once. This cannot be undone.</p>
      </ConfirmDialog>
    </Page>
  );
}

function CreateTokenCard({ disabled, pending, error, onCreate }: { disabled: boolean; pending: boolean; error: unknown; onCreate: (input: { name: string; scope: ApiTokenScope; expiresAt: string | null }) => void }) {
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiTokenScope>('read');
  const [expiry, setExpiry] = useState('90');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (disabled || pending || !name.trim()) return;
    const days = EXPIRY.find((e) => e.value === expiry)?.days ?? null;
    onCreate({ name: name.trim(), scope, expiresAt: days === null ? null : new Date(Date.now() + days * 86_400_000).toISOString() });
    setName('');
  };
  return (
    <Card as="section" aria-labelledby="new-token-title" className={styles.create}>
      <CardHeader id="new-token-title" title="Create a token" />
      <Form onSubmit={submit} className={styles.form}>
        {error ? <ErrorNotice error={error} /> : null}
        <div className={styles.fields}>
          <Field label="Name" hint="What it is for, such as “Nightly sync”.">
            <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} disabled={disabled} placeholder="Nightly sync" />
          </Field>
          <Field label="Access" hint="Read only tokens can look but not change anything.">
            <Select value={scope} onChange={(e) => setScope(e.target.value as ApiTokenScope)} disabled={disabled}>
              {SCOPES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Expires">
            <Select value={expiry} onChange={(e) => setExpiry(e.target.value)} disabled={disabled}>
              {EXPIRY.map((e) => (
                <option key={e.value} value={e.value}>
                  {e.label}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" variant="primary" icon="plus" className={styles.submit} disabled={disabled || !name.trim()} loading={pending}>
            Create token
          </Button>
        </div>
      </Form>
    </Card>
  );
}

function TokenRow({ token, onRevoke }: { token: ApiToken; onRevoke: () => void }) {
  const expired = token.expiresAt !== null && Date.parse(token.expiresAt) <= Date.now();
  return (
    <li className={styles.row} data-testid="token-row">
      <span className={styles.tokenName}>{token.name || 'Unnamed token'}</span>
      <span className={styles.meta}>
        <span data-testid="token-scope">{SCOPE_TEXT[token.scope]}</span>
        <span title={formatDateTime(token.createdAt)}>Created {formatDate(token.createdAt)}</span>
        <span className={expired ? styles.expired : undefined}>{token.expiresAt ? `${expired ? 'Expired' : 'Expires'} ${formatDate(token.expiresAt)}` : 'Never expires'}</span>
      </span>
      <Button size="sm" variant="ghost" icon="trash" onClick={onRevoke} aria-label={`Revoke ${token.name}`}>
        Revoke
      </Button>
    </li>
  );
}
