import { Link } from 'react-router-dom';
import { EmptyState } from '../ui/EmptyState.tsx';

export function NotFoundPage() {
  return (
    <div className="page page-centered">
      <EmptyState icon="search" title="There is nothing here" action={<Link className="btn btn-primary" to="/contacts">Go to contacts</Link>}>
        <p>The address may be mistyped, or the page has moved.</p>
      </EmptyState>
    </div>
  );
}
