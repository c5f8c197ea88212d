// Buckets: named groups of contacts, private until shared. The list shows every bucket the caller sees (owned,
// shared with them; admins: all) with its owner, how many contacts it holds and the caller's level on it.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
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
import { LinkList } from '../ui/LinkList.tsx';
import { Page, PageHeader } from '../ui/Page.tsx';
import { PageSpinner } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';

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
        <LinkList
          label="Buckets"
          items={buckets.data}
          keyOf={(b) => b.id}
          hrefOf={(b) => `/buckets/${b.id}`}
          icon="folder"
          nameOf={(b) => b.name}
          phoneDetailsOf={(b) => [`${ownerOf(b) === 'You' ? 'Yours' : `Owned by ${ownerOf(b)}`} · ${countOf(b.contactCount)}`]}
          columns={[
            { header: 'Owner', width: 'minmax(0, 1.2fr)', cell: ownerOf },
            { header: 'Contacts', width: '90px', numeric: true, cell: (b) => b.contactCount },
          ]}
          trailing={{ header: 'Your access', width: '130px', cell: (b) => <BucketAccessBadge access={b.access} /> }}
          rowTestId="bucket-row"
          nameTestId="bucket-name"
        />
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
