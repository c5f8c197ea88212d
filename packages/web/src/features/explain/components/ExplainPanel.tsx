// "Why can X see this?": pick a user, see their effective level on this contact and every source behind it.
import { useState, type ReactNode } from 'react';
import type { AccessSource, Contact, User } from '../../../api/models.ts';
import { cx } from '../../../lib/cx.ts';
import { formatDateTime, LEVEL_LABEL } from '../../../lib/format.ts';
import { Card, CardHeader, CardLoading } from '../../../ui/Card.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Select } from '../../../ui/Field.tsx';
import { Icon, type IconName } from '../../../ui/Icon.tsx';
import { useUsers } from '../../admin/hooks/useDirectory.ts';
import { BucketName } from '../../buckets/components/BucketName.tsx';
import { useCurrentUser } from '../../auth/hooks/useCurrentUser.ts';
import { LevelBadge } from '../../contacts/components/LevelBadge.tsx';
import { useExplain } from '../hooks/useExplain.ts';
import styles from './ExplainPanel.module.css';

const SOURCE_ICON: Record<AccessSource['kind'], IconName> = {
  owner: 'userCheck',
  admin: 'shield',
  share_all: 'users',
  user_grant: 'lock',
  bucket_share: 'archive',
  record_share: 'share',
};

function windowOf(source: AccessSource): string | null {
  if (source.startsAt && source.expiresAt) return `from ${formatDateTime(source.startsAt)} until ${formatDateTime(source.expiresAt)}`;
  if (source.expiresAt) return `until ${formatDateTime(source.expiresAt)}`;
  if (source.startsAt) return `since ${formatDateTime(source.startsAt)}`;
  return null;
}

/** One sentence per source, in words. */
export function describeSource(source: AccessSource, subject: string, contact: Contact): { title: ReactNode; detail: string | null } {
  const by = source.grantedByName ? `by ${source.grantedByName}` : null;
  const when = source.grantedAt ? `on ${formatDateTime(source.grantedAt)}` : null;
  const team = source.viaTeamName ? `through the team ${source.viaTeamName}` : null;
  const window = windowOf(source);
  const parts = (...xs: Array<string | null>) => xs.filter(Boolean).join(', ') || null;
  switch (source.kind) {
    case 'owner':
      return { title: subject === 'You' ? 'You own this contact' : `${subject} owns this contact`, detail: null };
    case 'admin':
      return { title: subject === 'You' ? 'You are an administrator' : `${subject} is an administrator`, detail: 'Administrators see every contact’s profile, not its history.' };
    case 'share_all':
      return { title: 'Share all contacts is on', detail: 'Every member of the organisation sees every contact’s profile.' };
    case 'user_grant':
      return { title: `Access to all of ${contact.ownerName}’s contacts`, detail: parts(`set on the Users page${by ? ` ${by}` : ''}`, team, window) };
    case 'bucket_share':
      return {
        title: (
          <>
            In the shared bucket <BucketName id={source.bucketId} name={source.bucketName} />
          </>
        ),
        detail: parts(by ? `shared ${by}` : null, team, window),
      };
    case 'record_share':
      return { title: 'This contact was shared directly', detail: parts(by ? `shared ${by}` : null, when, team, window ?? 'permanent') };
  }
}

export function ExplainPanel({ contact }: { contact: Contact }) {
  const { user } = useCurrentUser();
  const canAskOthers = contact.access.actions.includes('contact.explainOthers');
  const users = useUsers();
  const [userId, setUserId] = useState(user.id);
  const explanation = useExplain(contact.id, userId);
  const people: User[] = canAskOthers ? (users.data ?? []) : [];
  const subject = userId === user.id ? 'You' : (people.find((p) => p.id === userId)?.name ?? 'This person');

  return (
    <Card as="section" aria-labelledby="explain-title" data-testid="explain-panel">
      <CardHeader
        id="explain-title"
        title={
          <>
            <Icon name="info" /> Why can {subject === 'You' ? 'you' : subject} see this?
          </>
        }
      />
      {canAskOthers ? (
        <label className={styles.picker}>
          <span className="visually-hidden">Person</span>
          <Select aria-label="Explain access for" value={userId} onChange={(e) => setUserId(e.target.value)}>
            {people.length === 0 ? <option value={user.id}>{user.name} (you)</option> : null}
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.id === user.id ? ' (you)' : ''}
                {p.status === 'deactivated' ? ' · deactivated' : ''}
              </option>
            ))}
          </Select>
        </label>
      ) : null}
      {explanation.isPending ? (
        <CardLoading label="Working out access" />
      ) : explanation.isError ? (
        <ErrorNotice error={explanation.error} />
      ) : (
        <div>
          <div className={styles.level} data-testid="explain-level">
            <span className="muted">Effective access</span>
            <LevelBadge level={explanation.data.level} />
          </div>
          {explanation.data.sources.length === 0 ? (
            <p className={cx('muted', styles.none)}>{subject === 'You' ? 'You have' : `${subject} has`} no access to this contact: it is hidden from them entirely.</p>
          ) : (
            <ul className={styles.sources} aria-label="Sources of access">
              {explanation.data.sources.map((source, i) => {
                const text = describeSource(source, subject, contact);
                return (
                  <li key={source.id ?? `${source.kind}-${i}`} className={styles.source} data-testid="access-source" data-kind={source.kind}>
                    <span className={styles.sourceIcon}>
                      <Icon name={SOURCE_ICON[source.kind]} size={14} />
                    </span>
                    <span className={styles.sourceText}>
                      <strong>{text.title}</strong>
                      {text.detail ? <span className={styles.sourceDetail}>{text.detail}</span> : null}
                    </span>
                    <span className={styles.sourceLevel}>{LEVEL_LABEL[source.level]}</span>
                  </li>
                );
              })}
            </ul>
          )}
          <p className={styles.footnote}>The highest level of any source applies.</p>
        </div>
      )}
    </Card>
  );
}
