// The question a bulk action asks before it runs: with whom to share and at which level, to whom to give the
// contacts, which tag, or (to the trash) whether to go ahead. The server decides each contact as alone and reports
// what it refused, so nothing is left out up front: the report (BulkActionBar) names the refused ones afterwards.
import { useState } from 'react';
import type { BulkAction, Contact, ShareLevel } from '../../../api/models.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Field, Input, Select } from '../../../ui/Field.tsx';
import { useTeams, useUsers } from '../../admin/hooks/useDirectory.ts';
import { useCurrentUser } from '../../auth/hooks/useCurrentUser.ts';
import { countOf } from '../../buckets/add-contacts.ts';
import { LevelCards } from '../../sharing/components/LevelCards.tsx';
import { SHARE_LEVEL_ORDER } from '../../sharing/levels.ts';

export type AskedKind = 'share' | 'reassign' | 'addTag' | 'removeTag' | 'delete';

const TITLES: Record<AskedKind, (n: string) => string> = {
  share: (n) => `Share ${n}`,
  reassign: (n) => `Give ${n} to someone else`,
  addTag: (n) => `Tag ${n}`,
  removeTag: (n) => `Remove a tag from ${n}`,
  delete: (n) => `Move ${n} to the trash?`,
};

export function BulkActionDialog({ kind, contacts, pending, error, onRun, onClose }: {
  kind: AskedKind;
  contacts: Contact[];
  pending: boolean;
  error: unknown;
  onRun: (action: BulkAction) => void;
  onClose: () => void;
}) {
  const users = useUsers();
  const teams = useTeams();
  const { user: me } = useCurrentUser();
  const [grantee, setGrantee] = useState('');
  const [level, setLevel] = useState<ShareLevel>('view');
  const [ownerId, setOwnerId] = useState('');
  const [tag, setTag] = useState('');
  const n = countOf(contacts.length);
  const people = (users.data ?? []).filter((u) => u.status === 'active' && u.id !== me.id);
  const tagsPresent = [...new Set(contacts.flatMap((c) => c.tags))].sort();

  const action = (): BulkAction | null => {
    switch (kind) {
      case 'share': {
        if (!grantee) return null;
        const [type, id] = grantee.split(':') as [string, string];
        return { action: 'share', grantee: type === 'team' ? { teamId: id } : { userId: id }, level };
      }
      case 'reassign':
        return ownerId ? { action: 'reassign', ownerId } : null;
      case 'addTag':
      case 'removeTag':
        return tag.trim() ? { action: kind, tag: tag.trim() } : null;
      case 'delete':
        return { action: 'delete' };
    }
  };
  const ready = action();
  const confirm = { share: 'Share', reassign: 'Give them', addTag: 'Add tag', removeTag: 'Remove tag', delete: 'Move to trash' }[kind];

  return (
    <Dialog
      open
      onClose={onClose}
      title={TITLES[kind](n)}
      description={kind === 'delete' ? 'They can be restored from the trash for 30 days.' : 'Each contact is checked as if you acted on it alone; any you may not change are listed afterwards.'}
      size="sm"
      testId="bulk-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant={kind === 'delete' ? 'danger' : 'primary'} disabled={!ready} loading={pending} onClick={() => (ready ? onRun(ready) : undefined)} data-autofocus={kind === 'delete' || undefined}>
            {confirm}
          </Button>
        </>
      }
    >
      {error ? <ErrorNotice error={error} /> : null}
      {kind === 'share' ? (
        <>
          <Field label="Share with">
            <Select value={grantee} onChange={(e) => setGrantee(e.target.value)} data-autofocus>
              <option value="">Choose a person or team</option>
              <optgroup label="People">
                {people.map((u) => <option key={u.id} value={`user:${u.id}`}>{u.name}</option>)}
              </optgroup>
              <optgroup label="Teams">
                {(teams.data ?? []).map((t) => <option key={t.id} value={`team:${t.id}`}>{t.name}</option>)}
              </optgroup>
            </Select>
          </Field>
          <LevelCards levels={SHARE_LEVEL_ORDER} value={level} onChange={setLevel} />
        </>
      ) : null}
      {kind === 'reassign' ? (
        <Field label="New owner" hint="Handing a contact over needs Edit access to both owners’ contacts (or being an admin).">
          <Select value={ownerId} onChange={(e) => setOwnerId(e.target.value)} data-autofocus>
            <option value="">Choose a person</option>
            {(users.data ?? []).filter((u) => u.status === 'active').map((u) => <option key={u.id} value={u.id}>{u.id === me.id ? `${u.name} (you)` : u.name}</option>)}
          </Select>
        </Field>
      ) : null}
      {kind === 'addTag' || kind === 'removeTag' ? (
        <Field label="Tag" hint={kind === 'removeTag' && tagsPresent.length ? `On these contacts: ${tagsPresent.join(', ')}` : undefined}>
          <Input value={tag} maxLength={50} list="bulk-tags" onChange={(e) => setTag(e.target.value)} data-autofocus />
        </Field>
      ) : null}
      {kind === 'addTag' || kind === 'removeTag' ? (
        <datalist id="bulk-tags">
          {tagsPresent.map((t) => <option key={t} value={t} />)}
        </datalist>
      ) : null}
      {kind === 'delete' ? <p>{n} will leave your lists. Their owners and admins can restore them from the trash.</p> : null}
    </Dialog>
  );
}
