// Settings › Permissions: the three team-wide switches, saved together with "Save Settings"; below them, for admins,
// where clients' replies arrive and the secret that signs them.
import { useEffect, useState } from 'react';
import type { OrgSettings } from '../api/models.ts';
import { useOrgSettings, useSaveOrgSettings } from '../features/admin/hooks/useAdmin.ts';
import { InboundRepliesCard } from '../features/inbound/components/InboundRepliesCard.tsx';
import { Button } from '../ui/Button.tsx';
import { Card } from '../ui/Card.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { FormActions } from '../ui/Field.tsx';
import { SectionHeader } from '../ui/Page.tsx';
import { PageSpinner } from '../ui/Spinner.tsx';
import { Switch } from '../ui/Switch.tsx';
import { useToast } from '../ui/Toast.tsx';
import { UnsavedChanges } from '../ui/UnsavedChanges.tsx';
import styles from './PermissionsPage.module.css';

/** The org switches this page edits; settings also carry fields it does not (an admin's inbound secret). */
type SwitchKey = 'exportEnabled' | 'shareAllContacts' | 'membersCanArchiveDeleteShared';
type Switches = Pick<OrgSettings, SwitchKey>;
const switchesOf = (settings: OrgSettings): Switches => ({
  exportEnabled: settings.exportEnabled, shareAllContacts: settings.shareAllContacts,
  membersCanArchiveDeleteShared: settings.membersCanArchiveDeleteShared,
});

const SWITCHES: { key: SwitchKey; label: string; description: string }[] = [
  { key: 'exportEnabled', label: 'Contact data export', description: 'Members may export the contacts they can view, through the channels set for them on the Users page. Off: only administrators can export.' },
  { key: 'shareAllContacts', label: 'Share all contacts', description: 'Every member can find every contact and read its profile. History and notes stay private unless shared.' },
  { key: 'membersCanArchiveDeleteShared', label: 'Members can archive and delete shared contacts', description: 'A member with Edit access to someone else’s contact may archive it or move it to the trash. Off: only owners and administrators.' },
];

export function PermissionsPage() {
  const settings = useOrgSettings();
  const save = useSaveOrgSettings();
  const toast = useToast();
  const [draft, setDraft] = useState<Switches | null>(null);
  useEffect(() => {
    if (settings.data) setDraft(switchesOf(settings.data));
  }, [settings.data]);
  if (settings.isPending || !draft) return settings.isError ? <ErrorNotice error={settings.error} onRetry={() => void settings.refetch()} /> : <PageSpinner label="Loading permissions" />;
  const dirty = SWITCHES.some((s) => settings.data?.[s.key] !== draft[s.key]);
  return (
    <section aria-labelledby="perm-title">
      <UnsavedChanges when={dirty && !save.isPending} what="the switches you changed" />
      <SectionHeader id="perm-title" title="Permissions" description="Switches for the whole organisation. Contacts stay private to their owners unless one of these, a share or a grant opens them." />
      <Card className={styles.card}>
        {save.error ? <ErrorNotice error={save.error} /> : null}
        {SWITCHES.map((s) => (
          <Switch key={s.key} label={s.label} description={s.description} checked={draft[s.key]} onChange={(next) => setDraft({ ...draft, [s.key]: next })} />
        ))}
        <FormActions>
          {dirty ? <span className="muted small">You have unsaved changes.</span> : null}
          <Button disabled={!dirty} onClick={() => settings.data && setDraft(switchesOf(settings.data))}>
            Discard
          </Button>
          <Button variant="primary" disabled={!dirty} loading={save.isPending} onClick={() => save.mutate(draft, { onSuccess: () => toast.show('Settings saved. They apply to everyone right away.') })}>
            Save Settings
          </Button>
        </FormActions>
      </Card>
      {settings.data?.inboundSecret ? <InboundRepliesCard secret={settings.data.inboundSecret} /> : null}
    </section>
  );
}
