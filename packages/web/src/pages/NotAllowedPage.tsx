import { Link } from 'react-router-dom';
import { buttonClass } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { Page } from '../ui/Page.tsx';

export function NotAllowedPage() {
  return (
    <Page centered data-testid="not-allowed">
      <EmptyState icon="lock" title="You don't have access to this page" tone="danger" action={<Link className={buttonClass({ variant: 'primary' })} to="/contacts">Back to contacts</Link>}>
        <p>Settings are for administrators of your organisation. If you need something changed, ask one of your administrators.</p>
      </EmptyState>
    </Page>
  );
}
