// The contacts in a bucket that the caller sees (GET /contacts?bucketId=), with search, "Add contacts" and
// "Remove" for those who may edit the bucket, and a count of the members the caller cannot see.
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Bucket, Contact } from '../../../api/models.ts';
import { errorMessage } from '../../../api/errors.ts';
import { useDebounced } from '../../../lib/useDebounced.ts';
import { Avatar } from '../../../ui/Avatar.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Card, CardHeader, CardLoading } from '../../../ui/Card.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useCurrentUser } from '../../auth/hooks/useCurrentUser.ts';
import { LevelBadge } from '../../contacts/components/LevelBadge.tsx';
import { countOf } from '../add-contacts.ts';
import { useBucketContacts, useBucketMutations } from '../hooks/useBuckets.ts';
import { AddContactsDialog } from './AddContactsDialog.tsx';
import styles from './BucketContactsCard.module.css';

export function BucketContactsCard({ bucket }: { bucket: Bucket }) {
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim(), 200);
  const contacts = useBucketContacts(bucket.id, search);
  const [adding, setAdding] = useState(false);
  const items = useMemo(() => contacts.data?.pages.flatMap((p) => p.items) ?? [], [contacts.data]);
  const hidden = !search && !contacts.hasNextPage && !contacts.isPending ? bucket.contactCount - items.length : 0;

  return (
    <Card as="section" padding="flush" aria-labelledby="bucket-contacts-title" data-testid="bucket-contacts">
      <div className={styles.header}>
        <CardHeader id="bucket-contacts-title" title="Contacts">
          {bucket.access.canEdit ? (
            <Button size="sm" icon="plus" onClick={() => setAdding(true)}>
              Add contacts
            </Button>
          ) : null}
        </CardHeader>
        {bucket.contactCount > 0 ? (
          <div className={styles.search}>
            <Icon name="search" />
            <input type="search" className={styles.searchInput} placeholder="Search this bucket" aria-label="Search this bucket" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
        ) : null}
      </div>
      {contacts.isPending ? (
        <CardLoading label="Loading contacts" />
      ) : contacts.isError ? (
        <div className={styles.message}>
          <ErrorNotice error={contacts.error} onRetry={() => void contacts.refetch()} />
        </div>
      ) : items.length === 0 ? (
        search ? (
          <EmptyState icon="search" title={`No contact in this bucket matches “${search}”`} />
        ) : hidden > 0 ? null : (
          <EmptyState icon="folder" title="This bucket is empty" action={bucket.access.canEdit ? <Button variant="primary" icon="plus" onClick={() => setAdding(true)}>Add contacts</Button> : undefined}>
            <p>Add contacts here, or select them in the contacts list and choose “Add to bucket”.</p>
          </EmptyState>
        )
      ) : (
        <ul className={styles.rows} aria-label={`Contacts in ${bucket.name}`}>
          {items.map((c) => (
            <BucketContactRow key={c.id} bucket={bucket} contact={c} />
          ))}
        </ul>
      )}
      {contacts.hasNextPage ? (
        <div className={styles.more}>
          <Button size="sm" loading={contacts.isFetchingNextPage} onClick={() => void contacts.fetchNextPage()}>
            Show more
          </Button>
        </div>
      ) : null}
      {hidden > 0 ? (
        <p className={styles.hidden} data-testid="hidden-count">
          <Icon name="lock" size={14} />
          {items.length === 0
            ? `This bucket holds ${countOf(hidden)} that you cannot see here: archived, in the trash, or not visible to you.`
            : `${hidden} more in this bucket that you cannot see here: archived, in the trash, or not visible to you.`}
        </p>
      ) : null}
      {adding ? <AddContactsDialog bucket={bucket} onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}

function BucketContactRow({ bucket, contact }: { bucket: Bucket; contact: Contact }) {
  const { user } = useCurrentUser();
  const { removeContact } = useBucketMutations();
  const toast = useToast();
  const subtitle = [contact.title, contact.company].filter(Boolean).join(' · ');
  return (
    <li className={styles.row} data-testid="bucket-contact" data-contact-id={contact.id}>
      <Link to={`/contacts/${contact.id}`} className={styles.link}>
        <Avatar name={contact.name} size={32} />
        <span className={styles.nameText}>
          <span className={styles.name} data-testid="bucket-contact-name">
            {contact.name}
          </span>
          <span className={styles.sub}>{subtitle || (contact.ownerId === user.id ? 'Yours' : `Owned by ${contact.ownerName}`)}</span>
        </span>
      </Link>
      <span className={styles.owner}>{contact.ownerId === user.id ? 'You' : contact.ownerName}</span>
      <span className={styles.level}>
        <LevelBadge level={contact.access.level} />
      </span>
      {bucket.access.canEdit ? (
        <Button
          size="sm"
          variant="ghost"
          icon="x"
          className={styles.remove}
          aria-label={`Remove ${contact.name} from ${bucket.name}`}
          title="Remove from bucket"
          loading={removeContact.isPending}
          onClick={() =>
            removeContact.mutate(
              { id: bucket.id, contactId: contact.id },
              { onSuccess: () => toast.show(`${contact.name} removed from ${bucket.name}`), onError: (e) => toast.show(errorMessage(e), 'error') },
            )
          }
        />
      ) : null}
    </li>
  );
}
