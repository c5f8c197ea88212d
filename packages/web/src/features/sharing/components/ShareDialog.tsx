// Share a contact with people or teams, at a level the caller may give (access.shareLevels), permanently or
// until a date and time; list current shares with change and revoke.
import { useMemo, useState, type FormEvent } from 'react';
import type { Contact, Share, ShareLevel } from '../../../api/models.ts';
import { errorMessage } from '../../../api/errors.ts';
import { formatDateTime, fromLocalInput, toLocalInput } from '../../../lib/format.ts';
import { cx } from '../../../lib/cx.ts';
import { Avatar } from '../../../ui/Avatar.tsx';
import { Badge } from '../../../ui/Badge.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { FieldGroup, Form, FormActions, Input, Radio, Select } from '../../../ui/Field.tsx';
import { Subheading } from '../../../ui/Page.tsx';
import { Spinner } from '../../../ui/Spinner.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useTeams, useUsers } from '../../admin/hooks/useDirectory.ts';
import { useCurrentUser } from '../../auth/hooks/useCurrentUser.ts';
import { useShareMutations, useShares } from '../hooks/useShares.ts';
import { SHARE_LEVEL_ORDER, SHARE_LEVELS } from '../levels.ts';
import { GranteePicker, granteeOptions, type GranteeOption } from './GranteePicker.tsx';
import styles from './ShareDialog.module.css';

type Duration = 'permanent' | 'until';

const PRESETS: { label: string; days: number }[] = [
  { label: '1 day', days: 1 },
  { label: '1 week', days: 7 },
  { label: '1 month', days: 30 },
];

function presetDate(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setSeconds(0, 0);
  return toLocalInput(d);
}

function windowText(share: Share): string {
  const now = Date.now();
  if (share.startsAt && Date.parse(share.startsAt) > now) return `Starts ${formatDateTime(share.startsAt)}`;
  if (share.expiresAt && Date.parse(share.expiresAt) <= now) return `Ended ${formatDateTime(share.expiresAt)}`;
  if (share.expiresAt) return `Until ${formatDateTime(share.expiresAt)}`;
  return 'Permanent';
}

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
  const [duration, setDuration] = useState<Duration>('permanent');
  const [until, setUntil] = useState(presetDate(7));
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
  const untilIso = duration === 'until' ? fromLocalInput(until) : null;
  const untilInPast = duration === 'until' && (!untilIso || Date.parse(untilIso) <= Date.now());
  const canSubmit = picked.length > 0 && level !== undefined && !untilInPast && !create.isPending;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit || !level) return;
    setFailed(null);
    const done: string[] = [];
    for (const p of picked) {
      try {
        await create.mutateAsync({ grantee: p.grantee, level, expiresAt: untilIso });
        done.push(p.name);
      } catch (error) {
        setFailed(error);
        setPicked(picked.filter((x) => !done.includes(x.name)));
        if (done.length) toast.show(`Shared with ${done.join(', ')}`);
        return;
      }
    }
    setPicked([]);
    toast.show(`Shared with ${done.join(', ')} · ${SHARE_LEVELS[level].label}${untilIso ? ` until ${formatDateTime(untilIso)}` : ''}`);
  };

  return (
    <Form className={styles.form} onSubmit={submit}>
      {failed ? <ErrorNotice error={failed} /> : null}
      <FieldGroup label="People or teams">
        {users.isPending || teams.isPending ? <Spinner size={16} label="Loading people" /> : <GranteePicker options={options} picked={picked} onChange={setPicked} />}
      </FieldGroup>

      <FieldGroup label="Access level">
        <div className={styles.levels} role="radiogroup" aria-label="Access level">
          {levels.map((l) => (
            <label key={l} className={cx(styles.level, level === l && styles.selected)} data-testid={`level-${l}`}>
              <input type="radio" name="level" value={l} checked={level === l} onChange={() => setLevel(l)} />
              <span className={styles.levelText}>
                <strong>{SHARE_LEVELS[l].label}</strong>
                <span className={styles.levelExplanation}>{SHARE_LEVELS[l].explanation}</span>
              </span>
            </label>
          ))}
        </div>
      </FieldGroup>

      <FieldGroup label="For how long" error={untilInPast ? 'Pick a date and time in the future.' : null}>
        <div className={styles.duration}>
          <Radio name="duration" checked={duration === 'permanent'} onChange={() => setDuration('permanent')}>
            Permanent, until revoked
          </Radio>
          <Radio name="duration" checked={duration === 'until'} onChange={() => setDuration('until')}>
            Until
          </Radio>
          <Input
            type="datetime-local"
            inline
            aria-label="Share until"
            value={until}
            onChange={(e) => {
              setUntil(e.target.value);
              setDuration('until');
            }}
          />
          <span className={styles.presets}>
            {PRESETS.map((p) => (
              <button
                key={p.label}
                type="button"
                className={styles.preset}
                onClick={() => {
                  setUntil(presetDate(p.days));
                  setDuration('until');
                }}
              >
                {p.label}
              </button>
            ))}
          </span>
        </div>
      </FieldGroup>

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

  return (
    <section aria-label="Who has access">
      <Subheading>Who has access</Subheading>
      <ul className={styles.rows}>
        <li className={styles.row}>
          <Avatar name={contact.ownerName} size={28} />
          <span className={styles.name}>{contact.ownerName}</span>
          <span className={styles.window}>Full control</span>
          <span className={styles.levelCell}>
            <Badge tone="success">Owner</Badge>
          </span>
        </li>
        {shares.isPending ? (
          <li className={styles.row}>
            <Spinner size={16} label="Loading shares" />
          </li>
        ) : shares.isError ? (
          <li>
            <ErrorNotice error={shares.error} onRetry={() => void shares.refetch()} />
          </li>
        ) : (
          shares.data.map((share) => <ShareRow key={share.id} contact={contact} share={share} levels={levels} />)
        )}
        {shares.data?.length === 0 ? <li className={styles.empty}>Not shared with anyone yet.</li> : null}
      </ul>
    </section>
  );
}

/** One current share: its level can be changed, its end moved or removed, and it can be revoked. */
function ShareRow({ contact, share, levels }: { contact: Contact; share: Share; levels: ShareLevel[] }) {
  const { update, revoke } = useShareMutations(contact.id);
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [until, setUntil] = useState(share.expiresAt ? toLocalInput(new Date(share.expiresAt)) : presetDate(7));
  const onError = (err: unknown) => toast.show(errorMessage(err), 'error');
  const saveWindow = (expiresAt: string | null) =>
    update.mutate(
      { shareId: share.id, expiresAt },
      {
        onSuccess: () => {
          setEditing(false);
          toast.show(expiresAt ? `${share.granteeName} keeps access until ${formatDateTime(expiresAt)}` : `${share.granteeName} now has access until revoked`);
        },
        onError,
      },
    );
  const untilIso = fromLocalInput(until);
  return (
    <li className={share.active ? undefined : styles.inactive} data-testid="share-row">
      <div className={styles.row}>
        <Avatar name={share.granteeName} size={28} kind={'teamId' in share.grantee ? 'team' : 'person'} />
        <span className={styles.name}>
          {share.granteeName}
          {'teamId' in share.grantee ? <Badge>Team</Badge> : null}
        </span>
        <button type="button" className={cx(styles.window, styles.windowButton)} disabled={levels.length === 0} onClick={() => setEditing((e) => !e)} aria-expanded={editing} aria-label={`Change how long ${share.granteeName} has access: ${windowText(share)}`}>
          {windowText(share)}
        </button>
        <Select
          compact
          className={styles.levelCell}
          aria-label={`Level for ${share.granteeName}`}
          value={share.level}
          disabled={levels.length === 0 || update.isPending}
          onChange={(e) => {
            const level = e.target.value as ShareLevel;
            update.mutate({ shareId: share.id, level }, { onSuccess: () => toast.show(`${share.granteeName} now has ${SHARE_LEVELS[level].label}`), onError });
          }}
        >
          {SHARE_LEVEL_ORDER.filter((l) => levels.includes(l) || l === share.level).map((l) => (
            <option key={l} value={l} disabled={!levels.includes(l)}>
              {SHARE_LEVELS[l].label}
            </option>
          ))}
        </Select>
        <Button className={styles.action} size="sm" variant="ghost" onClick={() => revoke.mutate(share.id, { onSuccess: () => toast.show(`${share.granteeName} no longer has access through this share`), onError })} aria-label={`Revoke ${share.granteeName}`}>
          Revoke
        </Button>
      </div>
      {editing ? (
        <div className={styles.windowEditor}>
          <span className="muted small">Access ends</span>
          <Input type="datetime-local" inline compact aria-label={`${share.granteeName} has access until`} value={until} onChange={(e) => setUntil(e.target.value)} />
          <Button size="sm" variant="primary" disabled={!untilIso || Date.parse(untilIso) <= Date.now()} loading={update.isPending} onClick={() => untilIso && saveWindow(untilIso)}>
            Save end
          </Button>
          {share.expiresAt ? (
            <Button size="sm" onClick={() => saveWindow(null)}>
              Make permanent
            </Button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
