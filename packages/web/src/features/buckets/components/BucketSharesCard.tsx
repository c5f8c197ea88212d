// Who a bucket is shared with (owner and admins only: the API refuses the list to everyone else): each share's
// level and window can be changed in place, and a share removed after a confirmation.
import { useState } from 'react';
import type { Bucket, BucketShare } from '../../../api/models.ts';
import { errorMessage } from '../../../api/errors.ts';
import { Card, CardHeader, CardLoading } from '../../../ui/Card.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { ShareListRow, ShareRows } from '../../sharing/components/ShareList.tsx';
import { SHARE_LEVEL_ORDER, SHARE_LEVELS } from '../../sharing/levels.ts';
import { windowPhrase } from '../../sharing/share-window.ts';
import { useBucketShareMutations, useBucketShares } from '../hooks/useBuckets.ts';
import styles from './BucketSharesCard.module.css';

export function BucketSharesCard({ bucket }: { bucket: Bucket }) {
  const canManage = bucket.access.canManage;
  const shares = useBucketShares(bucket.id, canManage);
  const { update, revoke } = useBucketShareMutations(bucket.id);
  const [removing, setRemoving] = useState<BucketShare | null>(null);
  const toast = useToast();
  const onError = (err: unknown) => toast.show(errorMessage(err), 'error');
  const contacts = `${bucket.contactCount} ${bucket.contactCount === 1 ? 'contact' : 'contacts'}`;

  return (
    <Card as="section" aria-labelledby="bucket-shares-title" data-testid="bucket-shares">
      <CardHeader id="bucket-shares-title" title="Shared with" />
      {!canManage ? (
        <p className={styles.note}>Only the bucket’s owner and administrators see and change who it is shared with.</p>
      ) : shares.isPending ? (
        <CardLoading label="Loading shares" />
      ) : shares.isError ? (
        <ErrorNotice error={shares.error} onRetry={() => void shares.refetch()} />
      ) : shares.data.length === 0 ? (
        <p className={styles.note}>Not shared with anyone yet. Until it is, the bucket gives nobody access to its contacts, not even you.</p>
      ) : (
        <ShareRows label="Bucket shares">
          {shares.data.map((share) => (
            <ShareListRow
              key={share.id}
              share={share}
              levels={SHARE_LEVEL_ORDER}
              pending={update.isPending}
              onLevel={(level) => update.mutate({ shareId: share.id, level }, { onSuccess: () => toast.show(`${share.granteeName} now has ${SHARE_LEVELS[level].label} on ${bucket.name}`), onError })}
              onWindow={(patch, done) =>
                update.mutate(
                  { shareId: share.id, ...patch },
                  {
                    onSuccess: () => {
                      done();
                      toast.show(patch.expiresAt ? `${share.granteeName} has access${windowPhrase(patch.startsAt, patch.expiresAt)}` : `${share.granteeName} now has access until revoked`);
                    },
                    onError,
                  },
                )
              }
              onRevoke={() => setRemoving(share)}
            />
          ))}
        </ShareRows>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={`Stop sharing with ${removing?.granteeName ?? ''}?`}
        confirmLabel="Remove share"
        danger
        pending={revoke.isPending}
        onClose={() => setRemoving(null)}
        onConfirm={() =>
          removing &&
          revoke.mutate(removing.id, {
            onSuccess: () => {
              toast.show(`${removing.granteeName} no longer has access through ${bucket.name}`);
              setRemoving(null);
            },
            onError,
          })
        }
      >
        <p>
          {removing?.granteeName} loses the access this share gives to the {contacts} in {bucket.name}. Access they have from other sources stays.
        </p>
      </ConfirmDialog>
    </Card>
  );
}
