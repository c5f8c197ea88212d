// HandSharedSharesCard: who a template, pipeline or program is shared with, and the controls to change that.
//
// How to use it (Templates, Pipelines and Programs pages):
//
//   import { AccessSourcesLine, HandSharedSharesCard } from '../features/hand-shared/index.ts';
//
//   <AccessSourcesLine access={template.access} />            // "Shared with you at Can change by Ben."
//   <HandSharedSharesCard resource="template" id={template.id} access={template.access}
//                         name={template.name} ownerId={template.ownerId} />
//
// - `resource` picks the endpoints (list|create|update|delete{Template,Pipeline,Program}Share[s]).
// - The card renders nothing unless `access.actions` includes 'manage' (the owner or an admin): everyone else gets
//   403 from the share list, so there is nothing to show them. Put AccessSourcesLine wherever everyone sees it.
// - It lists each share (grantee, "Can use" = view / "Can change" = edit, its window, faded when not active), lets
//   the level and window be changed in place, revokes after a confirmation, and "Share" opens a dialog to add users
//   or teams with a level and an optional window (the contact share dialog's pieces, features/sharing).
// - `name` words the toasts and dialog titles; `ownerId` keeps the owner out of the picker (the server refuses it).
// - After any change it invalidates this card's list and the queries [`${resource}s`] and [resource, id]: keep the
//   page's list and detail under those keys so the access they show refreshes.
import { useState } from 'react';
import type { HandSharedShareDto } from '@tandem/api';
import { errorMessage } from '../../../api/errors.ts';
import { Button } from '../../../ui/Button.tsx';
import { Card, CardHeader, CardLoading } from '../../../ui/Card.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { ShareListRow, ShareRows } from '../../sharing/components/ShareList.tsx';
import { windowPhrase } from '../../sharing/share-window.ts';
import {
  HAND_SHARED_LEVEL_LABEL, HAND_SHARED_LEVEL_ORDER, handSharedLevelLabel, RESOURCE_NOUN, type HandSharedAccess, type HandSharedResource,
} from '../hand-shared-text.ts';
import { useHandSharedShareMutations, useHandSharedShares } from '../hooks/useHandSharedShares.ts';
import { HandSharedShareDialog } from './HandSharedShareDialog.tsx';
import styles from './HandSharedSharesCard.module.css';

export type HandSharedSharesCardProps = {
  resource: HandSharedResource;
  id: string;
  access: Pick<HandSharedAccess, 'actions'>;
  /** The template's, pipeline's or program's name, for titles and toasts; "this template" when left out. */
  name?: string;
  ownerId?: string;
};

export function HandSharedSharesCard(props: HandSharedSharesCardProps) {
  if (!props.access.actions.includes('manage')) return null;
  return <SharesCard {...props} />;
}

function SharesCard({ resource, id, name, ownerId }: HandSharedSharesCardProps) {
  const noun = RESOURCE_NOUN[resource];
  const title = name ?? `this ${noun}`;
  const shares = useHandSharedShares(resource, id, true);
  const { update, revoke } = useHandSharedShareMutations(resource, id);
  const [removing, setRemoving] = useState<HandSharedShareDto | null>(null);
  const [sharing, setSharing] = useState(false);
  const toast = useToast();
  const onError = (err: unknown) => toast.show(errorMessage(err), 'error');
  const headingId = `${resource}-shares-title`;

  return (
    <Card as="section" aria-labelledby={headingId} data-testid="hand-shared-shares">
      <CardHeader id={headingId} title="Shared with">
        <Button size="sm" icon="share" onClick={() => setSharing(true)}>
          Share
        </Button>
      </CardHeader>
      {shares.isPending ? (
        <CardLoading label="Loading shares" />
      ) : shares.isError ? (
        <ErrorNotice error={shares.error} onRetry={() => void shares.refetch()} />
      ) : shares.data.length === 0 ? (
        <p className={styles.note}>Not shared with anyone yet: only its owner and administrators see it.</p>
      ) : (
        <ShareRows label={`Shares of ${title}`}>
          {shares.data.map((share) => (
            <ShareListRow
              key={share.id}
              share={share}
              levels={HAND_SHARED_LEVEL_ORDER}
              labels={HAND_SHARED_LEVEL_LABEL}
              pending={update.isPending}
              onLevel={(level) => {
                const next = level === 'edit' ? 'edit' : 'view';
                update.mutate({ shareId: share.id, level: next }, { onSuccess: () => toast.show(`${share.granteeName ?? 'They'} now ${next === 'edit' ? 'can change' : 'can use'} ${title}`), onError });
              }}
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
      {sharing ? <HandSharedShareDialog resource={resource} id={id} name={name ?? `this ${noun}`} ownerId={ownerId} onClose={() => setSharing(false)} /> : null}
      <ConfirmDialog
        open={removing !== null}
        title={`Stop sharing with ${removing?.granteeName ?? 'them'}?`}
        confirmLabel="Remove share"
        danger
        pending={revoke.isPending}
        onClose={() => setRemoving(null)}
        onConfirm={() =>
          removing &&
          revoke.mutate(removing.id, {
            onSuccess: () => {
              toast.show(`${removing.granteeName ?? 'They'} no longer ${removing.level === 'edit' ? 'can change' : 'can use'} ${title} through this share`);
              setRemoving(null);
            },
            onError,
          })
        }
      >
        <p>
          {removing?.granteeName ?? 'They'} loses {removing ? handSharedLevelLabel(removing.level) : ''} on {title}. Access they have from other shares (a team’s) stays.
        </p>
      </ConfirmDialog>
    </Card>
  );
}
