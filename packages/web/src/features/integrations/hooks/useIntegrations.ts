// The caller's integrations (spec §9 sync channels): the list, each provider's runs, one run polled every second
// while it is queued or running, and the changes (connect, disconnect, sync now). Changes go through the one
// mutation wrapper (D24).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { call } from '../../../api/client.ts';
import type { GoogleContactsCredentials, MailchimpCredentials, SyncProvider, SyncRun } from '../../../api/models.ts';
import { useApiMutation as useMutation } from '../../../api/useApiMutation.ts';
import { isActive } from '../sync-text.ts';

export const INTEGRATIONS_KEY = ['integrations'] as const;
const runsKey = (provider: SyncProvider) => [...INTEGRATIONS_KEY, provider, 'runs'] as const;
/** How often a moving run is read again. */
export const POLL_MS = 1000;
export const HISTORY_LIMIT = 20;

export function useIntegrations() {
  return useQuery({ queryKey: INTEGRATIONS_KEY, queryFn: async ({ signal }) => (await call('listIntegrations', { signal })).integrations });
}

export function useSyncRuns(provider: SyncProvider, enabled: boolean) {
  return useQuery({
    queryKey: runsKey(provider),
    queryFn: async ({ signal }) => (await call('listSyncRuns', { params: { provider }, query: { limit: HISTORY_LIMIT }, signal })).runs,
    enabled,
  });
}

/**
 * One run, read again every second while it is queued or running; its row in the history follows. When it ends, the
 * integration (its last run) and the history are read again once.
 */
export function useSyncRun(provider: SyncProvider, runId: string | null) {
  const client = useQueryClient();
  const run = useQuery({
    queryKey: [...runsKey(provider), runId],
    queryFn: async ({ signal }) => (await call('getSyncRun', { params: { provider, runId: runId ?? '' }, signal })).run,
    enabled: runId !== null,
    refetchInterval: (query) => (query.state.data === undefined || isActive(query.state.data) ? POLL_MS : false),
  });
  // The history shows the same run moving: each answer replaces its row there, so the two never disagree.
  useEffect(() => {
    const latest = run.data;
    if (!latest) return;
    client.setQueryData<SyncRun[]>(runsKey(provider), (runs) => runs?.map((r) => (r.id === latest.id ? latest : r)));
  }, [client, provider, run.data]);
  const wasActive = useRef(false);
  const active = isActive(run.data);
  useEffect(() => {
    if (wasActive.current && !active) {
      void client.invalidateQueries({ queryKey: INTEGRATIONS_KEY, exact: true });
      void client.invalidateQueries({ queryKey: runsKey(provider), exact: true });
    }
    wasActive.current = active;
  }, [active, client, provider]);
  return run;
}

type ConnectInput = { provider: 'mailchimp'; body: MailchimpCredentials } | { provider: 'google_contacts'; body: GoogleContactsCredentials };

export function useIntegrationMutations() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: INTEGRATIONS_KEY });
  const connect = useMutation({
    mutationFn: (input: ConnectInput) => call('connectIntegration', { params: { provider: input.provider }, body: input.body }),
    onSuccess: refresh,
  });
  const disconnect = useMutation({
    mutationFn: (provider: SyncProvider) => call('disconnectIntegration', { params: { provider } }),
    onSuccess: refresh,
  });
  const sync = useMutation({
    mutationFn: async (provider: SyncProvider): Promise<SyncRun> => (await call('startSyncRun', { params: { provider } })).run,
    onSuccess: (run) => {
      client.setQueryData([...runsKey(run.provider), run.id], run);
      return client.invalidateQueries({ queryKey: runsKey(run.provider), exact: true });
    },
    // A run already moving (409) or the gate closed since the page loaded (403): read the integration again.
    onError: refresh,
  });
  return { connect, disconnect, sync };
}
