import { describeError } from '../api/errors.ts';
import { Button } from './Button.tsx';
import { Notice } from './Notice.tsx';

/** An inline error box with the problem in plain words. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { title, detail } = describeError(error);
  return (
    <Notice
      tone="danger"
      icon="alert"
      role="alert"
      title={title}
      action={
        onRetry ? (
          <Button variant="ghost" size="sm" onClick={onRetry}>
            Try again
          </Button>
        ) : null
      }
    >
      {detail ? <p>{detail}</p> : null}
    </Notice>
  );
}
