// One provider's card: whether it is connected (and to what, since when), the gate when the channel is closed to the
// caller (which half is missing, in the Export menu's words; connect and sync stay visible, disabled), the buttons,
// the run in progress (a bar polled every second) or the last run's outcome in words, and the run history.
import { useState } from 'react';
import { errorMessage } from '../../../api/errors.ts';
import type { Integration, SyncRun } from '../../../api/models.ts';
import { formatDate, formatDateTime, formatWhen } from '../../../lib/format.ts';
import { Badge } from '../../../ui/Badge.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Card, CardHeader } from '../../../ui/Card.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { ProgressBar } from '../../../ui/ProgressBar.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useIntegrationMutations, useSyncRun } from '../hooks/useIntegrations.ts';
import { countsText, gateText, isActive, outcomeText, progressText, PROVIDER_NAME } from '../sync-text.ts';
import { ConnectDialog } from './ConnectDialog.tsx';
import styles from './IntegrationCard.module.css';
import { RunHistory } from './RunHistory.tsx';

const WHAT_IT_DOES: Record<Integration['provider'], string> = {
  mailchimp: 'Adds the contacts you can see to a Mailchimp audience and keeps their names and e-mail addresses up to date. Contacts without an e-mail address are skipped.',
  google_contacts: 'Copies the contacts you can see into your Google Contacts and keeps them up to date.',
};

const newer = (a: SyncRun | null | undefined, b: SyncRun | null | undefined): SyncRun | null =>
  !a ? (b ?? null) : !b ? a : Date.parse(a.createdAt) >= Date.parse(b.createdAt) ? a : b;

export function IntegrationCard({ integration }: { integration: Integration }) {
  const { provider } = integration;
  const name = PROVIDER_NAME[provider];
  const titleId = `${provider}-title`;
  const gate = gateText(integration);
  const { disconnect, sync } = useIntegrationMutations();
  const toast = useToast();
  const [connecting, setConnecting] = useState(false);
  const [disconnecting, setDisconnecting] = useState(false);
  const [startedId, setStartedId] = useState<string | null>(null);
  // Poll the run this page started, or one already moving when the page opened.
  const watchId = startedId ?? (isActive(integration.lastRun) ? (integration.lastRun?.id ?? null) : null);
  const watched = useSyncRun(provider, watchId);
  const latest = newer(watched.data, integration.lastRun);
  const running = isActive(latest) || sync.isPending;

  const startSync = () =>
    sync.mutate(provider, {
      onSuccess: (run) => setStartedId(run.id),
      onError: (error) => toast.show(errorMessage(error), 'error'),
    });

  return (
    <Card as="section" aria-labelledby={titleId} className={styles.card} data-testid={`integration-${provider}`}>
      <CardHeader
        id={titleId}
        title={
          <>
            <span className={styles.logo} aria-hidden="true">
              <Icon name={provider === 'mailchimp' ? 'mail' : 'users'} />
            </span>
            {name}
          </>
        }
      >
        {integration.connected ? (
          <Badge tone="success" testId="integration-status">
            Connected
          </Badge>
        ) : (
          <Badge testId="integration-status">Not connected</Badge>
        )}
      </CardHeader>
      <p className={styles.what}>{WHAT_IT_DOES[provider]}</p>
      <p className={styles.connection} data-testid="integration-connection">
        {integration.connected ? (
          <>
            Connected to <strong>{integration.account ?? name}</strong>
            {integration.connectedAt ? (
              <>
                {' '}
                since <time dateTime={integration.connectedAt} title={formatDateTime(integration.connectedAt)}>{formatDate(integration.connectedAt)}</time>
              </>
            ) : null}
          </>
        ) : (
          'Not connected'
        )}
      </p>

      {gate ? (
        <Notice tone="warning" icon="lock" title={gate.title} testId="integration-gate" role="status" small>
          <p>{gate.detail} Until then you cannot connect or sync {name}.</p>
        </Notice>
      ) : null}

      {latest ? <RunState run={latest} name={name} /> : null}

      <div className={styles.actions}>
        {integration.connected ? (
          <Button variant="primary" icon="refresh" onClick={startSync} disabled={!integration.allowed || running} loading={sync.isPending}>
            {running && !sync.isPending ? 'Syncing…' : 'Sync now'}
          </Button>
        ) : null}
        <Button variant={integration.connected ? 'secondary' : 'primary'} icon="link" onClick={() => setConnecting(true)} disabled={!integration.allowed}>
          {integration.connected ? 'Change credentials' : `Connect ${name}`}
        </Button>
        {integration.connected ? (
          <Button variant="ghost" icon="x" onClick={() => setDisconnecting(true)}>
            Disconnect
          </Button>
        ) : null}
      </div>

      {integration.connected || integration.lastRun ? <RunHistory provider={provider} /> : null}

      <ConnectDialog provider={provider} open={connecting} reconnect={integration.connected} onClose={() => setConnecting(false)} />
      <ConfirmDialog
        open={disconnecting}
        title={`Disconnect ${name}?`}
        confirmLabel="Disconnect"
        danger
        pending={disconnect.isPending}
        onClose={() => setDisconnecting(false)}
        onConfirm={() =>
          disconnect.mutate(provider, {
            onSuccess: () => {
              toast.show(`${name} disconnected`);
              setDisconnecting(false);
              setStartedId(null);
            },
            onError: (e) => toast.show(errorMessage(e), 'error'),
          })
        }
      >
        <p>Tandem forgets the credentials and this integration’s run history, and stops a sync in progress. Contacts already sent stay in {name}.</p>
      </ConfirmDialog>
    </Card>
  );
}

/** The run in progress as a bar with its figures, or the last run's outcome in words. */
function RunState({ run, name }: { run: SyncRun; name: string }) {
  if (isActive(run)) {
    return (
      <div className={styles.progress} data-testid="sync-progress">
        <div className={styles.progressLine}>
          <strong>{run.status === 'queued' ? 'Waiting to start…' : `Syncing to ${name}…`}</strong>
          <span data-testid="sync-progress-text">{progressText(run)}</span>
        </div>
        <ProgressBar value={run.processed} max={run.total} label={`Sync to ${name}`} valueText={progressText(run)} />
        <span className={styles.counts}>{countsText(run)}</span>
      </div>
    );
  }
  const tone = run.status === 'succeeded' ? 'success' : run.status === 'failed' ? 'danger' : 'warning';
  const icon = run.status === 'succeeded' ? 'check' : 'alert';
  return (
    <Notice tone={tone} icon={icon} title={outcomeText(run)} role="status" testId="sync-outcome" small>
      <p>
        {run.finishedAt ? `${formatWhen(run.finishedAt)}: ` : ''}
        {countsText(run)}.
      </p>
    </Notice>
  );
}
