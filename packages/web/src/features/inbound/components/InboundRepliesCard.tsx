// Settings › Permissions, for admins: where a provider posts clients' replies, the secret it signs them with (hidden
// until "Show", with Copy), how to sign, and "Rotate secret" (asks first: the old secret stops working at once).
import { useRef, useState } from 'react';
import { errorMessage } from '../../../api/errors.ts';
import { Button } from '../../../ui/Button.tsx';
import { Card, CardHeader } from '../../../ui/Card.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useCurrentUser } from '../../auth/hooks/useCurrentUser.ts';
import { useRotateInboundSecret } from '../hooks/useInbound.ts';
import { maskSecret, SIGNATURE_FORM, webhookPattern } from '../inbound-text.ts';
import styles from './InboundRepliesCard.module.css';

async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (or no permission): select the text and use the older command.
    if (field) {
      field.value = text;
      field.select();
    }
    return document.execCommand('copy');
  }
}

export function InboundRepliesCard({ secret }: { secret: string }) {
  const { org } = useCurrentUser();
  const rotate = useRotateInboundSecret();
  const toast = useToast();
  const fieldRef = useRef<HTMLInputElement>(null);
  const [shown, setShown] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState<boolean | null>(null);
  const pattern = webhookPattern(window.location.origin, org.id);

  return (
    <Card as="section" className={styles.card} aria-labelledby="inbound-title" data-testid="inbound-card">
      <CardHeader id="inbound-title" title="Inbound replies" />
      <p className={styles.lead}>
        Your e-mail or SMS provider posts clients’ replies here; each lands in the history of the contact it comes from. Replies from unknown
        senders wait under <em>Unmatched replies</em>.
      </p>
      <dl className={styles.facts}>
        <dt>Webhook URL</dt>
        <dd>
          <code className={styles.code} data-testid="inbound-webhook">{pattern}</code>
        </dd>
        <dt>Signing secret</dt>
        <dd>
          <div className={styles.secret}>
            <input
              ref={fieldRef}
              className={styles.value}
              readOnly
              value={shown ? secret : maskSecret(secret)}
              aria-label="Inbound signing secret"
              data-testid="inbound-secret"
              onFocus={(e) => shown && e.target.select()}
            />
            <span className={styles.buttons}>
              <Button size="sm" icon="eye" onClick={() => setShown(!shown)} aria-pressed={shown}>
                {shown ? 'Hide' : 'Show'}
              </Button>
              <Button size="sm" icon={copied ? 'check' : 'copy'} onClick={() => void copyText(secret, fieldRef.current).then(setCopied)}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            </span>
          </div>
          <p className={styles.status} role="status">
            {copied === true ? 'The secret is on your clipboard.' : copied === false ? 'Copying did not work here: show the secret and copy it yourself.' : ''}
          </p>
        </dd>
        <dt>How to sign</dt>
        <dd>
          Send JSON <code>{'{from, to, body, subject?, messageId?}'}</code> with the header <code className={styles.code}>{SIGNATURE_FORM}</code>, the key being
          the secret’s text. Timestamps more than 5 minutes off are refused.
        </dd>
      </dl>
      <div className={styles.actions}>
        <Button variant="danger" icon="refresh" onClick={() => setConfirming(true)}>
          Rotate secret
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Rotate the inbound secret?"
        confirmLabel="Rotate secret"
        danger
        pending={rotate.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          rotate.mutate(undefined, {
            onSuccess: () => {
              setConfirming(false);
              setCopied(null);
              toast.show('New secret made. Give it to your provider: the old one no longer works.');
            },
            onError: (e) => toast.show(errorMessage(e), 'error'),
          })
        }
      >
        <p>The old secret stops working at once: replies your provider signs with it are refused until you give it the new one.</p>
      </ConfirmDialog>
    </Card>
  );
}
