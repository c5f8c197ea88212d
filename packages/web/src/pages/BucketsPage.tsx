// Buckets: named groups of contacts, private until shared. The list shows every bucket the caller sees (owned,
// shared with them; admins: all) with its owner, how many contacts it holds and the caller's level on it.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Bucket, User } from '../api/models.ts';
import { useUsers } from '../features/admin/hooks/useDirectory.ts';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { countOf } from '../features/buckets/add-contacts.ts';
import { BucketAccessBadge } from '../features/buckets/components/BucketAccessBadge.tsx';
import { BucketNameDialog } from '../features/buckets/components/BucketNameDialog.tsx';
import { useBuckets } from '../features/buckets/hooks/useBuckets.ts';
import { Button } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Icon } from '../ui/Icon.tsx';
import { Page, PageHeader } from '../ui/Page.tsx';
import { PageSpinner } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';
import styles from './BucketsPage.module.css';

export function BucketsPage() {
  const buckets = useBuckets();
  const users = useUsers();
  const { user } = useCurrentUser();
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const toast = useToast();
  const names = new Map((users.data ?? []).map((u: User) => [u.id, u.name]));
  const ownerOf = (b: Bucket) => (b.ownerId === user.id ? 'You' : (names.get(b.ownerId) ?? 'Someone'));
  const newButton = (
    <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
      New bucket
    </Button>
  );

  return (
    <Page>
      <PageHeader title="Buckets" subtitle="Named groups of contacts. Share a bucket, and everyone you share it with sees every contact in it." actions={newButton} />
      {buckets.isPending ? (
        <PageSpinner label="Loading buckets" />
      ) : buckets.isError ? (
        <ErrorNotice error={buckets.error} onRetry={() => void buckets.refetch()} />
      ) : buckets.data.length === 0 ? (
        <EmptyState icon="folder" title="No buckets yet" action={newButton}>
          <p>Group contacts such as key accounts or a region’s clients into a bucket, then share the bucket with a colleague or a team in one go.</p>
        </EmptyState>
      ) : (
        <div className={styles.list}>
          <div className={styles.head} aria-hidden="true">
            <span>Name</span>
            <span>Owner</span>
            <span className={styles.headCount}>Contacts</span>
            <span>Your access</span>
          </div>
          <ul className={styles.rows} aria-label="Buckets">
            {buckets.data.map((b) => (
              <li key={b.id} data-testid="bucket-row">
                <Link to={`/buckets/${b.id}`} className={styles.row}>
                  <span className={styles.nameCell}>
                    <span className={styles.icon}>
                      <Icon name="folder" />
                    </span>
                    <span className={styles.nameText}>
                      <span className={styles.name} data-testid="bucket-name">
                        {b.name}
                      </span>
                      <span className={styles.sub}>
                        {ownerOf(b) === 'You' ? 'Yours' : `Owned by ${ownerOf(b)}`} · {countOf(b.contactCount)}
                      </span>
                    </span>
                  </span>
                  <span className={styles.owner}>{ownerOf(b)}</span>
                  <span className={styles.count}>{b.contactCount}</span>
                  <span className={styles.level}>
                    <BucketAccessBadge access={b.access} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {creating ? (
        <BucketNameDialog
          bucket={null}
          onClose={() => setCreating(false)}
          onSaved={(bucket) => {
            setCreating(false);
            toast.show(`${bucket.name} created`);
            navigate(`/buckets/${bucket.id}`);
          }}
        />
      ) : null}
    </Page>
  );
}
