// The new token's secret, shown this once: a read-only field, a Copy button, and a plain warning that it will not
// be shown again (only its hash is stored).
import { useRef, useState } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import styles from './TokenRevealDialog.module.css';

async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (or no permission): select the text and use the older command.
    field?.select();
    return document.execCommand('copy');
  }
}

export function TokenRevealDialog({ name, token, onClose }: { name: string; token: string; onClose: () => void }) {
  const fieldRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <Dialog
      open
      onClose={onClose}
      title="Copy your new API token"
      description={`“${name}” is ready. Use it as a bearer token: Authorization: Bearer <token>.`}
      testId="token-reveal-dialog"
      footer={
        <Button variant="primary" onClick={onClose}>
          Done, I have stored it
        </Button>
      }
    >
      <Notice tone="warning" icon="alert" title="You will not see this token again.">
        <p>Copy it now and keep it somewhere safe, such as a password manager. If you lose it, revoke it and create a new one.</p>
      </Notice>
      <div className={styles.secret}>
        <input ref={fieldRef} className={styles.value} readOnly value={token} aria-label="Your new API token" onFocus={(e) => e.target.select()} data-autofocus data-testid="token-secret" />
        <Button
          icon={copied ? 'check' : 'copy'}
          onClick={() => {
            void copyText(token, fieldRef.current).then(setCopied);
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p className={styles.status} role="status">
        {copied === true ? 'The token is on your clipboard.' : copied === false ? 'Copying did not work here: select the token and copy it yourself.' : ''}
      </p>
    </Dialog>
  );
}
