// "Who has access": every person (and every team) that reaches this contact, with the source of each: ownership,
// administration, Share all contacts, a user grant, a bucket share (naming the bucket) or a record share (with its
// window). Shown to those the API lets ask about others (the owner and admins); nobody else sees the panel.
import type { ReactNode } from 'react';
import { isStatus } from '../../../api/errors.ts';
import type { AccessSource, Contact } from '../../../api/models.ts';
import { formatDateTime, LEVEL_LABEL } from '../../../lib/format.ts';
import { Avatar } from '../../../ui/Avatar.tsx';
import { Card, CardHeader, CardLoading } from '../../../ui/Card.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Icon, type IconName } from '../../../ui/Icon.tsx';
import { useCurrentUser } from '../../auth/hooks/useCurrentUser.ts';
import { BucketName } from '../../buckets/components/BucketName.tsx';
import { LevelBadge } from '../../contacts/components/LevelBadge.tsx';
import { useEveryoneWithAccess } from '../hooks/useEveryoneWithAccess.ts';
import { sortPeople, teamsOf } from '../who-has-access.ts';
import styles from './WhoHasAccessPanel.module.css';

const ICON: Record<AccessSource['kind'], IconName> = {
  owner: 'userCheck',
  admin: 'shield',
  share_all: 'users',
  user_grant: 'lock',
  bucket_share: 'folder',
  record_share: 'share',
};

function windowOf(source: AccessSource): string {
  if (source.startsAt && source.expiresAt) return `from ${formatDateTime(source.startsAt)} until ${formatDateTime(source.expiresAt)}`;
  if (source.expiresAt) return `until ${formatDateTime(source.expiresAt)}`;
  if (source.startsAt) return `since ${formatDateTime(source.startsAt)}`;
  return 'permanent';
}

/** The source in a few words; `withTeam`: add "through the team X" (not needed under the team itself). */
function sourceText(source: AccessSource, contact: Contact, withTeam: boolean): ReactNode {
  const team = withTeam && source.viaTeamName ? ` · through the team ${source.viaTeamName}` : '';
  switch (source.kind) {
    case 'owner':
      return 'Owner';
    case 'admin':
      return 'Administrator';
    case 'share_all':
      return 'Share all contacts is on';
    case 'user_grant':
      return `Access to all of ${contact.ownerName}’s contacts${team}`;
    case 'bucket_share':
      return (
        <>
          Bucket <BucketName id={source.bucketId} name={source.bucketName} />
          {source.expiresAt || source.startsAt ? `, ${windowOf(source)}` : ''}
          {team}
        </>
      );
    case 'record_share':
      return `Shared directly, ${windowOf(source)}${team}`;
  }
}

/** One source; its level is shown when there are several sources to compare (otherwise it is the person's level). */
function SourceLine({ source, contact, withTeam = true, showLevel }: { source: AccessSource; contact: Contact; withTeam?: boolean; showLevel: boolean }) {
  return (
    <li className={styles.source} data-testid="who-source" data-kind={source.kind}>
      <Icon name={ICON[source.kind]} size={13} />
      <span className={styles.sourceText}>{sourceText(source, contact, withTeam)}</span>
      {showLevel ? <span className={styles.sourceLevel}>{LEVEL_LABEL[source.level]}</span> : null}
    </li>
  );
}

export function WhoHasAccessPanel({ contact }: { contact: Contact }) {
  const allowed = contact.access.actions.includes('contact.explainOthers');
  const { user: me } = useCurrentUser();
  const everyone = useEveryoneWithAccess(contact.id, allowed);
  if (!allowed || (everyone.isError && (isStatus(everyone.error, 403) || isStatus(everyone.error, 404)))) return null;
  const people = everyone.data ? sortPeople(everyone.data, me.id) : [];
  const teams = everyone.data ? teamsOf(everyone.data) : [];

  return (
    <Card as="section" aria-labelledby="who-title" data-testid="who-has-access">
      <CardHeader
        id="who-title"
        title={
          <>
            <Icon name="users" /> Who has access
          </>
        }
      >
        {everyone.data ? (
          <span className={styles.count}>
            {people.length} {people.length === 1 ? 'person' : 'people'}
            {teams.length ? ` · ${teams.length} ${teams.length === 1 ? 'team' : 'teams'}` : ''}
          </span>
        ) : null}
      </CardHeader>
      {everyone.isPending ? (
        <CardLoading label="Working out who has access" />
      ) : everyone.isError ? (
        <ErrorNotice error={everyone.error} onRetry={() => void everyone.refetch()} />
      ) : (
        <>
          <ul className={styles.people} aria-label="People with access">
            {people.map(({ user, explanation }) => (
              <li key={user.id} className={styles.person} data-testid="who-person" data-user-id={user.id}>
                <div className={styles.personHead}>
                  <Avatar name={user.name} size={26} />
                  <span className={styles.personName}>
                    {user.name}
                    {user.id === me.id ? <span className={styles.you}> (you)</span> : null}
                  </span>
                  <LevelBadge level={explanation.level} />
                </div>
                <ul className={styles.sources} aria-label={`Why ${user.name} has access`}>
                  {explanation.sources.map((s, i) => (
                    <SourceLine key={s.id ?? `${s.kind}-${i}`} source={s} contact={contact} showLevel={explanation.sources.length > 1} />
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {teams.length > 0 ? (
            <>
              <h3 className={styles.teamsTitle}>Teams</h3>
              <ul className={styles.people} aria-label="Teams with access">
                {teams.map((team) => (
                  <li key={team.teamId} className={styles.person} data-testid="who-team">
                    <div className={styles.personHead}>
                      <Avatar name={team.name} size={26} kind="team" />
                      <span className={styles.personName}>{team.name}</span>
                    </div>
                    <ul className={styles.sources} aria-label={`Why the team ${team.name} has access`}>
                      {team.sources.map((s, i) => (
                        <SourceLine key={s.id ?? `${s.kind}-${i}`} source={s} contact={contact} withTeam={false} showLevel />
                      ))}
                    </ul>
                    <p className={styles.members}>Reaches {team.memberNames.join(', ')}</p>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p className={styles.footnote}>Each person gets the highest level of their sources. Pick a person under “Why can … see this?” for the details.</p>
        </>
      )}
    </Card>
  );
}
