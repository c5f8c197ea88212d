// One contact and everything that changes it. Every change refreshes the contact, the inbox and access answers.
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, call } from '../../../api/client.ts';
import type { Contact, ContactInput } from '../../../api/models.ts';
import { useApiMutation as useMutation } from '../../../api/useApiMutation.ts';

export const contactKey = (id: string) => ['contact', id] as const;

export function useContact(id: string) {
  return useQuery({
    queryKey: contactKey(id),
    queryFn: async ({ signal }) => (await call('getContact', { params: { id }, signal })).contact,
    retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status < 500),
    // A page left open learns that its access changed (a share expired, was revoked or lowered): the contact is read
    // again every minute while the tab is visible, and on focus (issue 10, defect 12).
    refetchInterval: 60_000,
    refetchOnWindowFocus: 'always',
  });
}

/** A change refused with 403 or 404 means the access the page shows is out of date: read it again. */
export function isAccessRefusal(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 403 || error.status === 404);
}

export async function refreshContact(client: QueryClient, id: string, contact?: Contact): Promise<void> {
  if (contact) client.setQueryData(contactKey(id), contact);
  await Promise.all([
    client.invalidateQueries({ queryKey: contactKey(id) }),
    client.invalidateQueries({ queryKey: ['contacts'] }),
    client.invalidateQueries({ queryKey: ['access', id] }),
    client.invalidateQueries({ queryKey: ['shares', id] }),
  ]);
}

export function useCreateContact() {
  const client = useQueryClient();
  return useMutation({
    // The idempotency key makes a double click (or a retry after a lost answer) create one contact (D21).
    mutationFn: async (input: ContactInput, intent) => (await call('createContact', { body: input, idempotencyKey: intent.idempotencyKey })).contact,
    onSuccess: () => client.invalidateQueries({ queryKey: ['contacts'] }),
  });
}

export function useUpdateContact(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: Partial<ContactInput>) => (await call('updateContact', { params: { id }, body: input })).contact,
    onSuccess: (contact) => refreshContact(client, id, contact),
    onError: (error) => (isAccessRefusal(error) ? refreshContact(client, id) : undefined),
  });
}

export type LifecycleAction = 'archive' | 'unarchive' | 'delete' | 'restore';

export function useContactLifecycle(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (action: LifecycleAction): Promise<Contact | undefined> => {
      switch (action) {
        case 'archive':
          return (await call('archiveContact', { params: { id } })).contact;
        case 'unarchive':
          return (await call('unarchiveContact', { params: { id } })).contact;
        case 'restore':
          return (await call('restoreContact', { params: { id } })).contact;
        case 'delete':
          await call('deleteContact', { params: { id } });
          return undefined;
      }
    },
    onSuccess: (contact) => refreshContact(client, id, contact),
    onError: (error) => (isAccessRefusal(error) ? refreshContact(client, id) : undefined),
  });
}

export function useReassignContact(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (ownerId: string) => (await call('reassignContact', { params: { id }, body: { ownerId } })).contact,
    onSuccess: (contact) => refreshContact(client, id, contact),
  });
}
