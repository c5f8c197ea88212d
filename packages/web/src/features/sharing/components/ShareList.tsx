// The rows of "Who has access" in a share dialog (a contact's record shares, a bucket's shares): the grantee, the
// window (a button that opens the window editor), the level and Revoke. The caller passes what may be changed.
import { useState, type ReactNode } from 'react';
import type { Grantee, ShareLevel } from '../../../api/models.ts';
import { cx } from '../../../lib/cx.ts';
import { Avatar } from '../../../ui/Avatar.tsx';
import { Badge } from '../../../ui/Badge.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Input, Select } from '../../../ui/Field.tsx';
import { SHARE_LEVEL_ORDER, SHARE_LEVELS } from '../levels.ts';
import { localValue, presetDate, windowText } from '../share-window.ts';
import { fromLocalInput } from '../../../lib/format.ts';
import styles from './ShareList.module.css';

/** What a row needs of a share, record or bucket. */
export type ShareLike = { id: string; grantee: Grantee; granteeName: string | null; level: ShareLevel; startsAt: string | null; expiresAt: string | null; active: boolean };
export type WindowPatch = { startsAt: string | null; expiresAt: string | null };

export function ShareRows({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <ul className={styles.rows} aria-label={label}>
      {children}
    </ul>
  );
}

/** A row that cannot be changed here (the owner). */
export function FixedRow({ name, detail, badge }: { name: string; detail: string; badge: ReactNode }) {
  return (
    <li className={styles.row}>
      <Avatar name={name} size={28} />
      <span className={styles.name}>{name}</span>
      <span className={styles.window}>{detail}</span>
      <span className={styles.levelCell}>{badge}</span>
    </li>
  );
}

export function ShareListRow({ share, levels, labels, pending, onLevel, onWindow, onRevoke }: {
  share: ShareLike;
  /** The levels the caller may give; none: the row is read-only. */
  levels: ShareLevel[];
  /** What each level is called here, when it differs from a contact share's (a template's "Can use"). */
  labels?: Partial<Record<ShareLevel, string>>;
  pending: boolean;
  onLevel: (level: ShareLevel) => void;
  onWindow: (patch: WindowPatch, done: () => void) => void;
  onRevoke?: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const team = 'teamId' in share.grantee;
  const name = granteeNameOf(share);
  const text = windowText(share);
  return (
    <li className={share.active ? undefined : styles.inactive} data-testid="share-row">
      <div className={styles.row}>
        <Avatar name={name} size={28} kind={team ? 'team' : 'person'} />
        <span className={styles.name}>
          {name}
          {team ? <Badge>Team</Badge> : null}
        </span>
        <button type="button" className={cx(styles.window, styles.windowButton)} disabled={levels.length === 0} onClick={() => setEditing((e) => !e)} aria-expanded={editing} aria-label={`Change how long ${name} has access: ${text}`}>
          {text}
        </button>
        <Select
          compact
          className={styles.levelCell}
          aria-label={`Level for ${name}`}
          value={share.level}
          disabled={levels.length === 0 || pending}
          onChange={(e) => onLevel(e.target.value as ShareLevel)}
        >
          {SHARE_LEVEL_ORDER.filter((l) => levels.includes(l) || l === share.level).map((l) => (
            <option key={l} value={l} disabled={!levels.includes(l)}>
              {labels?.[l] ?? SHARE_LEVELS[l].label}
            </option>
          ))}
        </Select>
        {onRevoke ? (
          <Button className={styles.action} size="sm" variant="ghost" onClick={onRevoke} aria-label={`Revoke ${name}`}>
            Revoke
          </Button>
        ) : null}
      </div>
      {editing ? <WindowEditor share={share} pending={pending} onSave={(patch) => onWindow(patch, () => setEditing(false))} /> : null}
    </li>
  );
}

/** Change when an existing share starts and ends. An empty start means "already"; "Make permanent" drops the end. */
/** The API answers no name when the grantee's row is gone; say what it was rather than print nothing. */
function granteeNameOf(share: ShareLike): string {
  return share.granteeName ?? ('teamId' in share.grantee ? 'A removed team' : 'A removed user');
}

function WindowEditor({ share, pending, onSave }: { share: ShareLike; pending: boolean; onSave: (patch: WindowPatch) => void }) {
  const [starts, setStarts] = useState(localValue(share.startsAt));
  const [until, setUntil] = useState(share.expiresAt ? localValue(share.expiresAt) : presetDate(7));
  const startsAt = fromLocalInput(starts);
  const expiresAt = fromLocalInput(until);
  const problem =
    !expiresAt || Date.parse(expiresAt) <= Date.now()
      ? 'The end must be in the future.'
      : startsAt && Date.parse(expiresAt) <= Date.parse(startsAt)
        ? 'The end must come after the start.'
        : null;
  return (
    <div className={styles.windowEditor}>
      <label className={styles.editorField}>
        <span className="muted small">Starts</span>
        <Input type="datetime-local" inline compact aria-label={`${granteeNameOf(share)} has access from`} value={starts} onChange={(e) => setStarts(e.target.value)} />
      </label>
      <label className={styles.editorField}>
        <span className="muted small">Ends</span>
        <Input type="datetime-local" inline compact aria-label={`${granteeNameOf(share)} has access until`} value={until} onChange={(e) => setUntil(e.target.value)} />
      </label>
      <Button size="sm" variant="primary" disabled={problem !== null} loading={pending} onClick={() => expiresAt && onSave({ startsAt, expiresAt })}>
        Save dates
      </Button>
      {share.expiresAt ? (
        <Button size="sm" onClick={() => onSave({ startsAt, expiresAt: null })} disabled={pending}>
          Make permanent
        </Button>
      ) : null}
      <span className={cx('muted small', styles.editorHint)}>{problem ?? 'Leave Starts empty for access from now on.'}</span>
    </div>
  );
}
