// What one user may do with each colleague's contacts and calendar: View, Edit or None (one-way user grants, set
// here for the user themselves). A grant with a window says so ("until 9 May"), and access the user has through a
// team's grant is named under the choice, since None here does not take it away.
import type { Grant, GrantLevel, GrantScope, Team, User } from '../../../api/models.ts';
import { errorMessage } from '../../../api/errors.ts';
import { Avatar } from '../../../ui/Avatar.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Subheading } from '../../../ui/Page.tsx';
import { Segmented } from '../../../ui/Segmented.tsx';
import { Spinner } from '../../../ui/Spinner.tsx';
import { Table } from '../../../ui/Table.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useGrants, useSetGrant } from '../hooks/useAdmin.ts';
import { useTeams } from '../hooks/useDirectory.ts';
import { timingOf, windowText } from '../grant-text.ts';
import styles from './UserDetailDialog.module.css';

type Choice = GrantLevel | 'none';
const GRANT_CHOICES: { id: Choice; label: string }[] = [
  { id: 'view', label: 'View' },
  { id: 'edit', label: 'Edit' },
  { id: 'none', label: 'None' },
];

const LEVEL_WORD: Record<GrantLevel, string> = { view: 'View', edit: 'Edit' };

function userGrants(grants: Grant[], granteeId: string, ownerId: string, scope: GrantScope): Grant[] {
  return grants.filter((g) => g.ownerId === ownerId && g.scope === scope && 'userId' in g.grantee && g.grantee.userId === granteeId);
}

/** The level the user's own grant names, unless it has ended: a grant that starts later shows with its start. */
function choiceOf(grants: Grant[]): Choice {
  const live = grants.filter((g) => timingOf(g) !== 'ended');
  if (live.some((g) => g.level === 'edit')) return 'edit';
  if (live.some((g) => g.level === 'view')) return 'view';
  return 'none';
}

/** "Sales team: View" for each team of the user with a live grant on this owner and scope. */
function throughTeams(grants: Grant[], teams: Team[], userId: string, ownerId: string, scope: GrantScope): string[] {
  const mine = new Map(teams.filter((t) => t.memberIds.includes(userId)).map((t) => [t.id, t.name]));
  return grants
    .filter((g) => g.ownerId === ownerId && g.scope === scope && 'teamId' in g.grantee && mine.has(g.grantee.teamId) && timingOf(g) !== 'ended')
    .map((g) => `Team ${'teamId' in g.grantee ? mine.get(g.grantee.teamId) : ''}: ${LEVEL_WORD[g.level]}${windowText(g) ? ` ${windowText(g)}` : ''}`);
}

export function AccessToColleagues({ user, users }: { user: User; users: User[] }) {
  const grants = useGrants();
  const teams = useTeams();
  const setGrant = useSetGrant();
  const toast = useToast();
  const others = users.filter((u) => u.id !== user.id).sort((a, b) => a.name.localeCompare(b.name));
  const change = (owner: User, scope: GrantScope, level: Choice, existing: Grant[]) =>
    setGrant.mutate(
      { ownerId: owner.id, grantee: { userId: user.id }, scope, level, existing },
      {
        onSuccess: () => toast.show(level === 'none' ? `${user.name} no longer has access to ${owner.name}'s ${scope}` : `${user.name} can now ${level} ${owner.name}'s ${scope}`),
        onError: (e) => toast.show(errorMessage(e), 'error'),
      },
    );
  return (
    <section className={styles.section} aria-labelledby="access-title">
      <Subheading id="access-title">Access to colleagues</Subheading>
      <p className={styles.lead}>What {user.name} may do with each colleague’s contacts and calendar. Grants are one-way.</p>
      {grants.isPending ? (
        <Spinner size={16} label="Loading access" />
      ) : grants.isError ? (
        <ErrorNotice error={grants.error} onRetry={() => void grants.refetch()} />
      ) : others.length === 0 ? (
        <p className="muted">Nobody else is in the organisation yet.</p>
      ) : (
        <Table className={styles.grants} aria-label={`${user.name}'s access to colleagues`}>
          <thead>
            <tr>
              <th>Colleague</th>
              <th>Their contacts</th>
              <th>Their calendar</th>
            </tr>
          </thead>
          <tbody>
            {others.map((owner) => (
              <tr key={owner.id} data-testid="grant-row" data-owner={owner.name}>
                <td>
                  <div className={styles.person}>
                    <Avatar name={owner.name} size={24} />
                    <span>{owner.name}</span>
                  </div>
                </td>
                {(['contacts', 'calendar'] as const).map((scope) => {
                  const existing = userGrants(grants.data, user.id, owner.id, scope);
                  const current = choiceOf(existing);
                  const own = existing.find((g) => timingOf(g) !== 'ended');
                  const notes = [own ? windowText(own) : null, ...throughTeams(grants.data, teams.data ?? [], user.id, owner.id, scope)].filter((n): n is string => Boolean(n));
                  return (
                    <td key={scope}>
                      <span className={styles.scopeLabel} aria-hidden="true">
                        {scope === 'contacts' ? 'Their contacts' : 'Their calendar'}
                      </span>
                      <div className={styles.choice}>
                        <Segmented
                          kind="radio"
                          size="sm"
                          label={`${owner.name}'s ${scope}`}
                          options={GRANT_CHOICES}
                          value={current}
                          disabled={setGrant.isPending}
                          onChange={(choice) => change(owner, scope, choice, existing)}
                        />
                        {notes.map((note) => (
                          <span key={note} className={styles.grantNote}>
                            {note}
                          </span>
                        ))}
                      </div>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
