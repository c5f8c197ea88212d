// Share a contact with people or teams, at a level the caller may give (access.shareLevels), from now or a later
// date, permanently or until a date and time; list current shares with change and revoke.
import { useMemo, useState, type FormEvent } from 'react';
import type { Contact, ShareLevel } from '../../../api/models.ts';
import { errorMessage } from '../../../api/errors.ts';
import { Badge } from '../../../ui/Badge.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { FieldGroup, Form, FormActions } from '../../../ui/Field.tsx';
import { Subheading } from '../../../ui/Page.tsx';
import { Spinner } from '../../../ui/Spinner.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useTeams, useUsers } from '../../admin/hooks/useDirectory.ts';
import { useCurrentUser } from '../../auth/hooks/useCurrentUser.ts';
import { useShareMutations, useShares } from '../hooks/useShares.ts';
import { SHARE_LEVEL_ORDER, SHARE_LEVELS } from '../levels.ts';
import { initialDraft, resolveWindow, windowPhrase } from '../share-window.ts';
import { GranteePicker, granteeOptions, type GranteeOption } from './GranteePicker.tsx';
import { LevelCards } from './LevelCards.tsx';
import { FixedRow, ShareListRow, ShareRows } from './ShareList.tsx';
import { ShareWindowFields } from './ShareWindowFields.tsx';
import styles from './ShareDialog.module.css';

export function ShareDialog({ contact, open, onClose }: { contact: Contact; open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title={`Share ${contact.name}`} description="People you share with see this contact in their inbox with the shared icon." size="lg" testId="share-dialog">
      <ShareForm contact={contact} />
      {contact.access.actions.includes('contact.listShares') ? <CurrentShares contact={contact} /> : null}
    </Dialog>
  );
}

function ShareForm({ contact }: { contact: Contact }) {
  const { user } = useCurrentUser();
  const users = useUsers();
  const teams = useTeams();
  const levels = SHARE_LEVEL_ORDER.filter((l) => contact.access.shareLevels.includes(l));
  const [picked, setPicked] = useState<GranteeOption[]>([]);
  const [level, setLevel] = useState<ShareLevel | undefined>(levels[0]);
  const [draft, setDraft] = useState(initialDraft);
  const { create } = useShareMutations(contact.id);
  const toast = useToast();
  const [failed, setFailed] = useState<unknown>(null);

  const options = useMemo(
    () => granteeOptions(users.data ?? [], teams.data ?? [], new Set([user.id, contact.ownerId])),
    [users.data, teams.data, user.id, contact.ownerId],
  );

  if (levels.length === 0) {
    return <p className="muted">You can see who has access, but you cannot share this contact yourself.</p>;
  }
  const window = resolveWindow(draft);
  const canSubmit = picked.length > 0 && level !== undefined && window.error === null && !create.isPending;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit || !level) return;
    setFailed(null);
    const done: string[] = [];
    for (const p of picked) {
      try {
        await create.mutateAsync({ grantee: p.grantee, level, startsAt: window.startsAt, expiresAt: window.expiresAt });
        done.push(p.name);
      } catch (error) {
        setFailed(error);
        setPicked(picked.filter((x) => !done.includes(x.name)));
        if (done.length) toast.show(`Shared with ${done.join(', ')}`);
        return;
      }
    }
    setPicked([]);
    toast.show(`Shared with ${done.join(', ')} · ${SHARE_LEVELS[level].label}${windowPhrase(window.startsAt, window.expiresAt)}`);
  };

  return (
    <Form className={styles.form} onSubmit={submit}>
      {failed ? <ErrorNotice error={failed} /> : null}
      <FieldGroup label="People or teams">
        {/* The picker is there from the first frame (even while people load), so the dialog opens with focus in it. */}
        <GranteePicker options={options} picked={picked} onChange={setPicked} loading={users.isPending || teams.isPending} autoFocus />
      </FieldGroup>

      <LevelCards levels={levels} value={level} onChange={setLevel} />

      <ShareWindowFields value={draft} onChange={setDraft} error={window.error} />

      <FormActions>
        <Button type="submit" variant="primary" icon="share" disabled={!canSubmit} loading={create.isPending}>
          Share
        </Button>
      </FormActions>
    </Form>
  );
}

function CurrentShares({ contact }: { contact: Contact }) {
  const shares = useShares(contact.id, true);
  const levels = SHARE_LEVEL_ORDER.filter((l) => contact.access.shareLevels.includes(l));
  const { update, revoke } = useShareMutations(contact.id);
  const toast = useToast();
  const onError = (err: unknown) => toast.show(errorMessage(err), 'error');

  return (
    <section aria-label="Who has access">
      <Subheading>Who has access</Subheading>
      <ShareRows>
        <FixedRow name={contact.ownerName} detail="Full control" badge={<Badge tone="success">Owner</Badge>} />
        {shares.isPending ? (
          <li className={styles.loading}>
            <Spinner size={16} label="Loading shares" />
          </li>
        ) : shares.isError ? (
          <li>
            <ErrorNotice error={shares.error} onRetry={() => void shares.refetch()} />
          </li>
        ) : (
          shares.data.map((share) => (
            <ShareListRow
              key={share.id}
              share={share}
              levels={levels}
              pending={update.isPending}
              onLevel={(level) => update.mutate({ shareId: share.id, level }, { onSuccess: () => toast.show(`${share.granteeName} now has ${SHARE_LEVELS[level].label}`), onError })}
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
              onRevoke={() => revoke.mutate(share.id, { onSuccess: () => toast.show(`${share.granteeName} no longer has access through this share`), onError })}
            />
          ))
        )}
        {shares.data?.length === 0 ? <li className={styles.empty}>Not shared with anyone yet.</li> : null}
      </ShareRows>
    </section>
  );
}
