// "Who has access": the reverse of "why can X see this?". The API explains one user at a time
// (GET /contacts/:id/access?userId=), and only to the contact's owner and admins (`contact.explainOthers`), so this
// asks about every active user of the org, a few at a time, and keeps those with a level. Under ['access', id],
// so every share, grant or bucket change that refreshes a contact's access answers refreshes this too.
import { useQuery } from '@tanstack/react-query';
import { call } from '../../../api/client.ts';
import type { Explanation, Page, User } from '../../../api/models.ts';

export type PersonAccess = { user: User; explanation: Explanation };

const AT_ONCE = 4;

async function allUsers(signal: AbortSignal): Promise<User[]> {
  const users: User[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<User> = await call('listUsers', { query: { limit: 200, cursor }, signal });
    users.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return users;
}

/** Runs `task` over `items`, at most `limit` at a time, keeping the order. */
async function mapLimited<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export function useEveryoneWithAccess(contactId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['access', contactId, 'everyone'],
    enabled,
    queryFn: async ({ signal }): Promise<PersonAccess[]> => {
      const users = (await allUsers(signal)).filter((u) => u.status === 'active');
      const answers = await mapLimited(users, AT_ONCE, async (user) => ({
        user,
        explanation: await call('explainAccess', { params: { id: contactId }, query: { userId: user.id }, signal }),
      }));
      return answers.filter((a) => a.explanation.level !== 'none');
    },
  });
}
