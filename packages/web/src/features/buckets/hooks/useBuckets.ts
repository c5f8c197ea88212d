// Buckets (spec §6.2): the list, one bucket, its contacts, its shares, and every change to them. A change to a
// bucket's contacts or shares changes who sees which contact, so it refreshes contacts and access answers too.
// Every change goes through the one mutation wrapper (D24): a change in flight disables its control and a second
// click joins it. The bucket routes take no Idempotency-Key (http/idempotency.ts), so none is sent.
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, call } from '../../../api/client.ts';
import { useApiMutation as useMutation } from '../../../api/useApiMutation.ts';
import type { ShareInput } from '../../../api/contract.ts';
import type { Bucket, Page } from '../../../api/models.ts';

export const BUCKETS_KEY = ['buckets'] as const;
export const bucketKey = (id: string) => ['bucket', id] as const;
export const bucketSharesKey = (id: string) => ['bucket-shares', id] as const;
/** Under ['contacts'], so anything that refreshes the contact lists refreshes a bucket's contacts too. */
export const bucketContactsKey = (id: string, q = '') => ['contacts', 'bucket', id, q] as const;

/** Every bucket the caller sees (owned, shared with them; admins: all), a page of 200 at a time. */
export async function fetchAllBuckets(signal?: AbortSignal): Promise<Bucket[]> {
  const buckets: Bucket[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Bucket> = await call('listBuckets', { query: { limit: 200, cursor }, signal });
    buckets.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return buckets;
}

export function useBuckets() {
  return useQuery({ queryKey: BUCKETS_KEY, queryFn: ({ signal }) => fetchAllBuckets(signal), staleTime: 15_000 });
}

export function useBucket(id: string) {
  return useQuery({
    queryKey: bucketKey(id),
    queryFn: async ({ signal }) => (await call('getBucket', { params: { id }, signal })).bucket,
    retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status < 500),
  });
}

/** The bucket's contacts that the caller sees, name order, 50 a page. */
export function useBucketContacts(id: string, q = '') {
  return useInfiniteQuery({
    queryKey: bucketContactsKey(id, q),
    queryFn: ({ pageParam, signal }) => call('listContacts', { query: { bucketId: id, q: q || undefined, limit: 50, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useBucketShares(id: string, enabled: boolean) {
  return useQuery({
    queryKey: bucketSharesKey(id),
    queryFn: async ({ signal }) => (await call('listBucketShares', { params: { id }, signal })).items,
    enabled,
  });
}

/** Who sees what may have changed: the buckets, every contact, every access answer. */
export async function refreshAfterBucketChange(client: QueryClient, bucket?: Bucket): Promise<void> {
  if (bucket) client.setQueryData(bucketKey(bucket.id), bucket);
  await Promise.all([
    client.invalidateQueries({ queryKey: BUCKETS_KEY }),
    client.invalidateQueries({ queryKey: ['bucket'] }),
    client.invalidateQueries({ queryKey: ['bucket-shares'] }),
    client.invalidateQueries({ queryKey: ['contacts'] }),
    client.invalidateQueries({ queryKey: ['contact'] }),
    client.invalidateQueries({ queryKey: ['access'] }),
  ]);
}

export function useBucketMutations() {
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: async (name: string) => (await call('createBucket', { body: { name } })).bucket,
    onSuccess: (bucket) => refreshAfterBucketChange(client, bucket),
  });
  const rename = useMutation({
    mutationFn: async ({ id, name }: { id: string; name: string }) => (await call('renameBucket', { params: { id }, body: { name } })).bucket,
    onSuccess: (bucket) => refreshAfterBucketChange(client, bucket),
  });
  const remove = useMutation({
    mutationFn: (id: string) => call('deleteBucket', { params: { id } }),
    onSuccess: (_, id) => {
      client.removeQueries({ queryKey: bucketKey(id) });
      return refreshAfterBucketChange(client);
    },
  });
  const addContacts = useMutation({
    mutationFn: async ({ id, contactIds }: { id: string; contactIds: string[] }) => (await call('addBucketContacts', { params: { id }, body: { contactIds } })).bucket,
    onSuccess: (bucket) => refreshAfterBucketChange(client, bucket),
  });
  const removeContact = useMutation({
    mutationFn: ({ id, contactId }: { id: string; contactId: string }) => call('removeBucketContact', { params: { id, contactId } }),
    onSuccess: () => refreshAfterBucketChange(client),
  });
  return { create, rename, remove, addContacts, removeContact };
}

export function useBucketShareMutations(bucketId: string) {
  const client = useQueryClient();
  const refresh = () => refreshAfterBucketChange(client);
  const create = useMutation({
    mutationFn: async (input: ShareInput) => (await call('createBucketShare', { params: { id: bucketId }, body: input })).share,
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: async ({ shareId, ...patch }: { shareId: string } & Partial<Omit<ShareInput, 'grantee'>>) =>
      (await call('updateBucketShare', { params: { id: bucketId, shareId }, body: patch })).share,
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: (shareId: string) => call('deleteBucketShare', { params: { id: bucketId, shareId } }),
    onSuccess: refresh,
  });
  return { create, update, revoke };
}
