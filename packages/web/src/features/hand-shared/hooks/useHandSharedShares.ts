// The shares of one template, pipeline or program (owner or admin: the API refuses the list to everyone else), and
// adding, changing and revoking them. Every change goes through the one mutation wrapper (D24). A share changes who
// sees and may use the thing, so a change refreshes its list and its detail: the pages keep those under
// [`${resource}s`] and [resource, id] (['templates'], ['template', id], ...), which this file invalidates.
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { HandSharedShareDto, HandSharedSharePatch, NewHandSharedShare } from '@tandem/api';
import { call } from '../../../api/client.ts';
import { useApiMutation as useMutation } from '../../../api/useApiMutation.ts';
import type { HandSharedResource } from '../hand-shared-text.ts';

type ShareApi = {
  list: (id: string, signal?: AbortSignal) => Promise<HandSharedShareDto[]>;
  create: (id: string, body: NewHandSharedShare) => Promise<HandSharedShareDto>;
  update: (id: string, shareId: string, body: HandSharedSharePatch) => Promise<HandSharedShareDto>;
  remove: (id: string, shareId: string) => Promise<void>;
};

/** The endpoints of each resource's shares (api/endpoints.ts), typed one by one. */
const SHARE_API: Record<HandSharedResource, ShareApi> = {
  template: {
    list: async (id, signal) => (await call('listTemplateShares', { params: { id }, signal })).items,
    create: async (id, body) => (await call('createTemplateShare', { params: { id }, body })).share,
    update: async (id, shareId, body) => (await call('updateTemplateShare', { params: { id, shareId }, body })).share,
    remove: (id, shareId) => call('deleteTemplateShare', { params: { id, shareId } }),
  },
  pipeline: {
    list: async (id, signal) => (await call('listPipelineShares', { params: { id }, signal })).items,
    create: async (id, body) => (await call('createPipelineShare', { params: { id }, body })).share,
    update: async (id, shareId, body) => (await call('updatePipelineShare', { params: { id, shareId }, body })).share,
    remove: (id, shareId) => call('deletePipelineShare', { params: { id, shareId } }),
  },
  program: {
    list: async (id, signal) => (await call('listProgramShares', { params: { id }, signal })).items,
    create: async (id, body) => (await call('createProgramShare', { params: { id }, body })).share,
    update: async (id, shareId, body) => (await call('updateProgramShare', { params: { id, shareId }, body })).share,
    remove: (id, shareId) => call('deleteProgramShare', { params: { id, shareId } }),
  },
};

export const handSharedSharesKey = (resource: HandSharedResource, id: string) => ['hand-shared-shares', resource, id] as const;

export function useHandSharedShares(resource: HandSharedResource, id: string, enabled: boolean) {
  return useQuery({
    queryKey: handSharedSharesKey(resource, id),
    queryFn: ({ signal }) => SHARE_API[resource].list(id, signal),
    enabled,
  });
}

/** The shares, the list and the detail of the thing (its access sources name the shares). */
export async function refreshAfterShareChange(client: QueryClient, resource: HandSharedResource, id: string): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: handSharedSharesKey(resource, id) }),
    client.invalidateQueries({ queryKey: [`${resource}s`] }),
    client.invalidateQueries({ queryKey: [resource, id] }),
  ]);
}

export function useHandSharedShareMutations(resource: HandSharedResource, id: string) {
  const client = useQueryClient();
  const refresh = () => refreshAfterShareChange(client, resource, id);
  const create = useMutation({
    mutationFn: (input: NewHandSharedShare) => SHARE_API[resource].create(id, input),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ shareId, ...patch }: { shareId: string } & HandSharedSharePatch) => SHARE_API[resource].update(id, shareId, patch),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: (shareId: string) => SHARE_API[resource].remove(id, shareId),
    onSuccess: refresh,
  });
  return { create, update, revoke };
}
