import { Link } from 'react-router-dom';
import { buttonClass } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { Page } from '../ui/Page.tsx';

export function NotFoundPage() {
  return (
    <Page centered>
      <EmptyState icon="search" title="There is nothing here" action={<Link className={buttonClass({ variant: 'primary' })} to="/contacts">Go to contacts</Link>}>
        <p>The address may be mistyped, or the page has moved.</p>
      </EmptyState>
    </Page>
  );
}
