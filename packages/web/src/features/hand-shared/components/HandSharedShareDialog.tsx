// Share a template, pipeline or program with people or teams (owner or admin): "Can use" (view) or "Can change"
// (edit), from now or a later date, until revoked or until a date. The pieces are the contact share dialog's
// (features/sharing); only the levels and their words differ.
import { useMemo, useState, type FormEvent } from 'react';
import type { ShareLevel } from '../../../api/models.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { FieldGroup, Form, FormActions } from '../../../ui/Field.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useTeams, useUsers } from '../../admin/hooks/useDirectory.ts';
import { GranteePicker, granteeOptions, type GranteeOption } from '../../sharing/components/GranteePicker.tsx';
import { LevelCards } from '../../sharing/components/LevelCards.tsx';
import { ShareWindowFields } from '../../sharing/components/ShareWindowFields.tsx';
import { initialDraft, resolveWindow, windowPhrase } from '../../sharing/share-window.ts';
import {
  HAND_SHARED_EXPLANATIONS, HAND_SHARED_LEVEL_LABEL, HAND_SHARED_LEVEL_ORDER, handSharedLevelLabel, RESOURCE_NOUN, type HandSharedResource,
} from '../hand-shared-text.ts';
import { useHandSharedShareMutations } from '../hooks/useHandSharedShares.ts';

export function HandSharedShareDialog({ resource, id, name, ownerId, onClose }: {
  resource: HandSharedResource;
  id: string;
  name: string;
  /** Left out of the picker: the server refuses a share naming the owner. */
  ownerId?: string | undefined;
  onClose: () => void;
}) {
  const users = useUsers();
  const teams = useTeams();
  const [picked, setPicked] = useState<GranteeOption[]>([]);
  const [level, setLevel] = useState<ShareLevel>('view');
  const [draft, setDraft] = useState(initialDraft);
  const [failed, setFailed] = useState<unknown>(null);
  const { create } = useHandSharedShareMutations(resource, id);
  const toast = useToast();
  const options = useMemo(() => granteeOptions(users.data ?? [], teams.data ?? [], new Set(ownerId ? [ownerId] : [])), [users.data, teams.data, ownerId]);
  const window = resolveWindow(draft);
  const canSubmit = picked.length > 0 && window.error === null && !create.isPending;
  const sendLevel = level === 'edit' ? 'edit' : 'view';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit) return;
    setFailed(null);
    const done: string[] = [];
    for (const p of picked) {
      try {
        await create.mutateAsync({ grantee: p.grantee, level: sendLevel, startsAt: window.startsAt, expiresAt: window.expiresAt });
        done.push(p.name);
      } catch (error) {
        setFailed(error);
        setPicked(picked.filter((x) => !done.includes(x.name)));
        if (done.length) toast.show(`Shared with ${done.join(', ')}`);
        return;
      }
    }
    toast.show(`${name} shared with ${done.join(', ')} · ${handSharedLevelLabel(sendLevel)}${windowPhrase(window.startsAt, window.expiresAt)}`);
    onClose();
  };

  return (
    <Dialog open onClose={onClose} title={`Share ${name}`} description={`Everyone you share with can use this ${RESOURCE_NOUN[resource]}; at Can change they may also change it.`} size="lg" testId="hand-shared-share-dialog">
      <Form onSubmit={submit}>
        {failed ? <ErrorNotice error={failed} /> : null}
        <FieldGroup label="People or teams">
          <GranteePicker options={options} picked={picked} onChange={setPicked} loading={users.isPending || teams.isPending} autoFocus />
        </FieldGroup>
        <LevelCards levels={HAND_SHARED_LEVEL_ORDER} value={level} onChange={setLevel} labels={HAND_SHARED_LEVEL_LABEL} explanations={HAND_SHARED_EXPLANATIONS[resource]} />
        <ShareWindowFields value={draft} onChange={setDraft} error={window.error} />
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" icon="share" disabled={!canSubmit} loading={create.isPending}>
            Share
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
