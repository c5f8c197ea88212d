// Share a bucket with people or teams (owner or admin): a level for every contact in it, from now or a later date,
// until revoked or until a date. Owning a bucket gives nothing by itself, so the owner may share it with themselves.
import { useMemo, useState, type FormEvent } from 'react';
import type { Bucket, ShareLevel } from '../../../api/models.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { FieldGroup, Form, FormActions } from '../../../ui/Field.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useTeams, useUsers } from '../../admin/hooks/useDirectory.ts';
import { GranteePicker, granteeOptions, type GranteeOption } from '../../sharing/components/GranteePicker.tsx';
import { LevelCards } from '../../sharing/components/LevelCards.tsx';
import { ShareWindowFields } from '../../sharing/components/ShareWindowFields.tsx';
import { SHARE_LEVEL_ORDER, SHARE_LEVELS } from '../../sharing/levels.ts';
import { initialDraft, resolveWindow, windowPhrase } from '../../sharing/share-window.ts';
import { BUCKET_SHARE_EXPLANATIONS } from '../bucket-levels.ts';
import { useBucketShareMutations } from '../hooks/useBuckets.ts';

export function BucketShareDialog({ bucket, onClose }: { bucket: Bucket; onClose: () => void }) {
  const users = useUsers();
  const teams = useTeams();
  const [picked, setPicked] = useState<GranteeOption[]>([]);
  const [level, setLevel] = useState<ShareLevel>('view');
  const [draft, setDraft] = useState(initialDraft);
  const [failed, setFailed] = useState<unknown>(null);
  const { create } = useBucketShareMutations(bucket.id);
  const toast = useToast();
  const options = useMemo(() => granteeOptions(users.data ?? [], teams.data ?? [], new Set()), [users.data, teams.data]);
  const window = resolveWindow(draft);
  const canSubmit = picked.length > 0 && window.error === null && !create.isPending;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit) return;
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
    toast.show(`${bucket.name} shared with ${done.join(', ')} · ${SHARE_LEVELS[level].label}${windowPhrase(window.startsAt, window.expiresAt)}`);
    onClose();
  };

  return (
    <Dialog open onClose={onClose} title={`Share ${bucket.name}`} description="Everyone you share with gets this level on every contact in the bucket, also ones added later." size="lg" testId="bucket-share-dialog">
      <Form onSubmit={submit}>
        {failed ? <ErrorNotice error={failed} /> : null}
        <FieldGroup label="People or teams">
          <GranteePicker options={options} picked={picked} onChange={setPicked} loading={users.isPending || teams.isPending} autoFocus />
        </FieldGroup>
        <LevelCards levels={SHARE_LEVEL_ORDER} value={level} onChange={setLevel} explanations={BUCKET_SHARE_EXPLANATIONS} />
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
