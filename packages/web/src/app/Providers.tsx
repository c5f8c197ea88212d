// Server state in TanStack Query. A 401 anywhere means the session ended: forget the user, the guard redirects.
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { ToastProvider } from '../ui/Toast.tsx';
import { ME_KEY } from '../features/auth/hooks/useSession.ts';

function makeClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => onAuthError(error) }),
    mutationCache: new MutationCache({ onError: (error) => onAuthError(error) }),
    defaultOptions: {
      queries: { staleTime: 15_000, refetchOnWindowFocus: true, retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status < 500) },
    },
  });
  function onAuthError(error: unknown) {
    if (error instanceof ApiError && error.status === 401 && error.code !== 'TANDEM_AUTH_INVALID_CREDENTIALS') client.setQueryData(ME_KEY, null);
  }
  return client;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeClient);
  return (
    <QueryClientProvider client={client}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
}
