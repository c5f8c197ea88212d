// "Who has access": the reverse of "why can X see this?", in one call (GET /contacts/:id/access/holders): every active
// user of the org with a level on the contact, each with the sources GET /contacts/:id/access gives them. Only the
// contact's owner and admins may ask (`contact.explainOthers`). Under ['access', id], so every share, grant or bucket
// change that refreshes a contact's access answers refreshes this too.
import { useQuery } from '@tanstack/react-query';
import { call } from '../../../api/client.ts';
import type { AccessHolders, Explanation } from '../../../api/models.ts';

export type PersonAccess = { user: { id: string; name: string }; explanation: Explanation };

/** The holders as the panel lists them: a person and their explanation. */
export function peopleOf(answer: AccessHolders): PersonAccess[] {
  return answer.holders.map((h) => ({ user: { id: h.userId, name: h.name }, explanation: { userId: h.userId, level: h.level, sources: h.sources } }));
}

export function useEveryoneWithAccess(contactId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['access', contactId, 'everyone'],
    enabled,
    queryFn: async ({ signal }): Promise<PersonAccess[]> => peopleOf(await call('listAccessHolders', { params: { id: contactId }, signal })),
  });
}
