// Route guards. They decide what to render, never what the server allows: the server still answers 401/403.
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router-dom';
import { CurrentUserContext, useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { useMe } from '../features/auth/hooks/useSession.ts';
import { NotAllowedPage } from '../pages/NotAllowedPage.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { CenterScreen } from '../ui/Page.tsx';
import { PageSpinner } from '../ui/Spinner.tsx';

export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageSpinner label="Loading Tandem" />;
  if (me.isError) {
    return (
      <CenterScreen>
        <ErrorNotice error={me.error} onRetry={() => void me.refetch()} />
      </CenterScreen>
    );
  }
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next && next !== '/' ? `/signin?next=${encodeURIComponent(next)}` : '/signin'} replace />;
  }
  return (
    <CurrentUserContext.Provider value={me.data}>
      <Outlet />
    </CurrentUserContext.Provider>
  );
}

/** Sign-in and sign-up; once signed in, go where the user was headed (`?next=`) or to the inbox. */
export function PublicOnly() {
  const me = useMe();
  const [params] = useSearchParams();
  if (me.isPending) return <PageSpinner />;
  if (me.data) {
    const next = params.get('next');
    return <Navigate to={next && next.startsWith('/') && !next.startsWith('//') ? next : '/contacts'} replace />;
  }
  return <Outlet />;
}

export function RequireAdmin() {
  const { user } = useCurrentUser();
  if (user.role !== 'admin') return <NotAllowedPage />;
  return <Outlet />;
}
