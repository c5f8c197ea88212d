// A user's export channels: all of them, or only those ticked. Members use them only while the organisation's
// "Contact data export" switch is on; administrators may always export.
import { useState } from 'react';
import { EXPORT_CHANNELS, type User } from '../../../api/models.ts';
import { errorMessage } from '../../../api/errors.ts';
import { cx } from '../../../lib/cx.ts';
import { Button } from '../../../ui/Button.tsx';
import { Checkbox, FormActions, Radio } from '../../../ui/Field.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { Subheading } from '../../../ui/Page.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { useOrgSettings, useUpdateUser } from '../hooks/useAdmin.ts';
import { CHANNEL_LABEL } from '../channels.ts';
import styles from './UserDetailDialog.module.css';

export function ExportChannels({ user }: { user: User }) {
  // Admins (the only ones shown this) always receive exportChannels; the API leaves it out only for members' colleagues.
  const channels = user.exportChannels ?? [];
  const allNow = EXPORT_CHANNELS.every((c) => channels.includes(c));
  const [mode, setMode] = useState<'all' | 'only'>(allNow ? 'all' : 'only');
  const [picked, setPicked] = useState<string[]>(allNow ? [] : channels);
  const settings = useOrgSettings();
  const update = useUpdateUser();
  const toast = useToast();
  const next = mode === 'all' ? [...EXPORT_CHANNELS] : EXPORT_CHANNELS.filter((c) => picked.includes(c));
  const dirty = next.slice().sort().join(',') !== channels.slice().sort().join(',');
  return (
    <section className={styles.section} aria-labelledby="export-title">
      <Subheading id="export-title">Export channels</Subheading>
      {settings.data && !settings.data.exportEnabled && user.role !== 'admin' ? (
        <Notice tone="info" small>
          Contact data export is off for the organisation, so only administrators can export whatever is chosen here.
        </Notice>
      ) : null}
      <div className={styles.radioGroup} role="radiogroup" aria-label="Export channels">
        <Radio name="export-mode" checked={mode === 'all'} onChange={() => setMode('all')}>
          All exports
        </Radio>
        <Radio name="export-mode" checked={mode === 'only'} onChange={() => setMode('only')}>
          Only these
        </Radio>
      </div>
      <div className={cx(styles.channels, mode === 'all' && styles.channelsOff)}>
        {EXPORT_CHANNELS.map((c) => (
          <Checkbox
            key={c}
            disabled={mode === 'all'}
            checked={mode === 'all' || picked.includes(c)}
            onChange={(e) => setPicked(e.target.checked ? [...picked, c] : picked.filter((x) => x !== c))}
          >
            <span>{CHANNEL_LABEL[c]}</span>
          </Checkbox>
        ))}
      </div>
      <FormActions>
        {dirty ? <span className="muted small">Not saved yet.</span> : null}
        <Button
          size="sm"
          variant="primary"
          disabled={!dirty}
          loading={update.isPending}
          onClick={() => update.mutate({ id: user.id, exportChannels: next }, { onSuccess: () => toast.show('Export channels saved'), onError: (e) => toast.show(errorMessage(e), 'error') })}
        >
          Save export channels
        </Button>
      </FormActions>
    </section>
  );
}
