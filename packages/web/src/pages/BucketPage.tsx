// One bucket: its name, owner and the caller's level; its contacts (add, remove); who it is shared with (level and
// window, change, remove); rename and delete. What is offered comes from `bucket.access` (canEdit, canManage).
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorMessage, isStatus } from '../api/errors.ts';
import type { Bucket } from '../api/models.ts';
import { useUsers } from '../features/admin/hooks/useDirectory.ts';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { countOf } from '../features/buckets/add-contacts.ts';
import { BucketAccessBadge } from '../features/buckets/components/BucketAccessBadge.tsx';
import { BucketContactsCard } from '../features/buckets/components/BucketContactsCard.tsx';
import { BucketNameDialog } from '../features/buckets/components/BucketNameDialog.tsx';
import { BucketShareDialog } from '../features/buckets/components/BucketShareDialog.tsx';
import { BucketSharesCard } from '../features/buckets/components/BucketSharesCard.tsx';
import { useBucket, useBucketMutations } from '../features/buckets/hooks/useBuckets.ts';
import { Button, buttonClass } from '../ui/Button.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Icon } from '../ui/Icon.tsx';
import { Menu, type MenuItem } from '../ui/Menu.tsx';
import { Page } from '../ui/Page.tsx';
import { PageSpinner } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';
import styles from './BucketPage.module.css';

type OpenDialog = 'rename' | 'share' | 'delete' | null;

export function BucketPage() {
  const { id = '' } = useParams();
  const bucket = useBucket(id);
  if (bucket.isPending) return <PageSpinner label="Loading bucket" />;
  if (bucket.isError) {
    return (
      <Page centered>
        {isStatus(bucket.error, 404) ? (
          <EmptyState icon="lock" title="This bucket is not available" action={<Link className={buttonClass({ variant: 'primary' })} to="/buckets">Back to buckets</Link>}>
            <p>It may have been deleted, or it is no longer shared with you.</p>
          </EmptyState>
        ) : (
          <ErrorNotice error={bucket.error} onRetry={() => void bucket.refetch()} />
        )}
      </Page>
    );
  }
  return <BucketView key={bucket.data.id} bucket={bucket.data} />;
}

function BucketView({ bucket }: { bucket: Bucket }) {
  const { user } = useCurrentUser();
  const users = useUsers();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const { remove } = useBucketMutations();
  const toast = useToast();
  const navigate = useNavigate();
  const mine = bucket.ownerId === user.id;
  const ownerName = mine ? 'you' : (users.data?.find((u) => u.id === bucket.ownerId)?.name ?? 'a colleague');

  const more: MenuItem[] = [];
  if (bucket.access.canEdit) more.push({ label: 'Rename', icon: 'edit', onSelect: () => setDialog('rename') });
  if (bucket.access.canManage) more.push({ label: 'Delete bucket', icon: 'trash', danger: true, onSelect: () => setDialog('delete') });

  return (
    <Page>
      <nav className={styles.breadcrumb} aria-label="Breadcrumb">
        <Link to="/buckets">
          <Icon name="arrowLeft" size={14} /> Buckets
        </Link>
      </nav>
      <header className={styles.header}>
        <span className={styles.icon}>
          <Icon name="folder" size={24} />
        </span>
        <div className={styles.heading}>
          <h1 className={styles.title}>{bucket.name}</h1>
          <div className={styles.badges}>
            <BucketAccessBadge access={bucket.access} />
            <span className="muted">
              {mine ? 'Yours' : `Owned by ${ownerName}`} · {countOf(bucket.contactCount)}
            </span>
          </div>
        </div>
        <div className={styles.actions}>
          {bucket.access.canManage ? (
            <Button variant="primary" icon="share" onClick={() => setDialog('share')}>
              Share
            </Button>
          ) : null}
          <Menu label="More" items={more} />
        </div>
      </header>

      <div className={styles.layout}>
        <BucketContactsCard bucket={bucket} />
        <div className={styles.side}>
          <BucketSharesCard bucket={bucket} />
          <p className={styles.footnote}>
            <Icon name="info" size={14} />
            <span>
              A share gives its level on every contact in the bucket, also ones added later. Owning the bucket gives nothing by itself: to reach its contacts through it, share it with yourself.
            </span>
          </p>
        </div>
      </div>

      {dialog === 'rename' ? (
        <BucketNameDialog
          bucket={bucket}
          onClose={() => setDialog(null)}
          onSaved={(renamed) => {
            setDialog(null);
            toast.show(`Renamed to ${renamed.name}`);
          }}
        />
      ) : null}
      {dialog === 'share' ? <BucketShareDialog bucket={bucket} onClose={() => setDialog(null)} /> : null}
      <ConfirmDialog
        open={dialog === 'delete'}
        title={`Delete ${bucket.name}?`}
        confirmLabel="Delete bucket"
        danger
        pending={remove.isPending}
        onClose={() => setDialog(null)}
        onConfirm={() =>
          remove.mutate(bucket.id, {
            onSuccess: () => {
              toast.show(`${bucket.name} deleted`);
              navigate('/buckets');
            },
            onError: (e) => toast.show(errorMessage(e), 'error'),
          })
        }
      >
        <p>
          The {countOf(bucket.contactCount)} in it stay as they are; only the bucket goes. Everyone it is shared with loses the access it gave them. This cannot be undone.
        </p>
      </ConfirmDialog>
    </Page>
  );
}
