import { Link } from 'react-router-dom';
import { EmptyState } from '../ui/EmptyState.tsx';

export function NotAllowedPage() {
  return (
    <div className="page page-centered" data-testid="not-allowed">
      <EmptyState icon="lock" title="You don't have access to this page" tone="danger" action={<Link className="btn btn-primary" to="/contacts">Back to contacts</Link>}>
        <p>Settings are for administrators of your organisation. If you need something changed, ask one of your administrators.</p>
      </EmptyState>
    </div>
  );
}
