// A contact: header with the actions bar and "More" menu, the composer and conversation history, the profile,
// and the "Why can X see this?" panel. Everything shown comes from `contact.access.actions`.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isStatus } from '../api/errors.ts';
import type { Contact } from '../api/models.ts';
import { ContactCalendarPanel } from '../features/calendar/components/ContactCalendarPanel.tsx';
import { ContactFormDialog } from '../features/contacts/components/ContactFormDialog.tsx';
import { LevelBadge } from '../features/contacts/components/LevelBadge.tsx';
import { ProfileCard } from '../features/contacts/components/ProfileCard.tsx';
import { ReassignDialog } from '../features/contacts/components/ReassignDialog.tsx';
import { SharedIcon } from '../features/contacts/components/SharedIcon.tsx';
import { useContact, useContactLifecycle, useUpdateContact, type LifecycleAction } from '../features/contacts/hooks/useContact.ts';
import { WhoHasAccessPanel } from '../features/access/components/WhoHasAccessPanel.tsx';
import { ExplainPanel } from '../features/explain/components/ExplainPanel.tsx';
import { useRefreshWhenAccessEnds } from '../features/explain/hooks/useRefreshWhenAccessEnds.ts';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { availableModes, Composer } from '../features/history/components/Composer.tsx';
import { HISTORY_FILTERS, HistoryTimeline, type HistoryFilter } from '../features/history/components/HistoryTimeline.tsx';
import type { ComposerKind } from '../features/history/hooks/useHistory.ts';
import { ShareDialog } from '../features/sharing/components/ShareDialog.tsx';
import { errorMessage } from '../api/errors.ts';
import { formatDate } from '../lib/format.ts';
import { useHotkey } from '../lib/useHotkey.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { Badge } from '../ui/Badge.tsx';
import { Button, buttonClass } from '../ui/Button.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Icon } from '../ui/Icon.tsx';
import { Menu, type MenuItem } from '../ui/Menu.tsx';
import { Notice } from '../ui/Notice.tsx';
import { Page } from '../ui/Page.tsx';
import { Segmented } from '../ui/Segmented.tsx';
import { Card, CardHeader } from '../ui/Card.tsx';
import { PageSpinner } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';
import styles from './ContactPage.module.css';

type OpenDialog = 'share' | 'reassign' | 'edit' | 'delete' | null;

export function ContactPage() {
  const { id = '' } = useParams();
  const contact = useContact(id);
  if (contact.isPending) return <PageSpinner label="Loading contact" />;
  if (contact.isError) {
    return (
      <Page centered>
        {isStatus(contact.error, 404) ? (
          <EmptyState icon="lock" title="This contact is not available" action={<Link className={buttonClass({ variant: 'primary' })} to="/contacts">Back to contacts</Link>}>
            <p>It may have been deleted, or it is no longer shared with you.</p>
          </EmptyState>
        ) : (
          <ErrorNotice error={contact.error} onRetry={() => void contact.refetch()} />
        )}
      </Page>
    );
  }
  return <ContactView key={contact.data.id} contact={contact.data} />;
}

/**
 * Why the history is not shown, and what to do about it (issue 10, defect 3). A trashed contact shows its history to
 * nobody (docs/permissions.md: on a trashed contact only view, restore and purge are allowed): its owner and admins
 * are told to restore it, never to ask themselves. Otherwise the caller sees the profile only and asks the owner.
 */
function HistoryHidden({ contact, onRestore, restoring }: { contact: Contact; onRestore: (() => void) | null; restoring: boolean }) {
  const { user } = useCurrentUser();
  if (contact.trashedAt !== null) {
    return (
      <EmptyState
        icon="trash"
        title="History is hidden while the contact is in the trash"
        action={onRestore ? <Button icon="restore" onClick={onRestore} loading={restoring}>Restore from trash</Button> : undefined}
      >
        <p>{onRestore ? 'Restore the contact to read its conversation and add to it again.' : `Only ${contact.ownerId === user.id ? 'you' : contact.ownerName} or an administrator can restore it.`}</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState icon="lock" title="History is private">
      <p>
        You can see who this is, but not the conversation with them.{' '}
        {contact.ownerId === user.id ? '' : `Ask ${contact.ownerName} to share the contact with you if you need it.`}
      </p>
    </EmptyState>
  );
}

function ContactView({ contact }: { contact: Contact }) {
  const can = (action: Contact['access']['actions'][number]) => contact.access.actions.includes(action);
  const { user } = useCurrentUser();
  useRefreshWhenAccessEnds(contact.id, user.id);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const modes = availableModes(contact);
  const [mode, setMode] = useState<ComposerKind>(modes[0] ?? 'note');
  const [focusSignal, setFocusSignal] = useState(0);
  const [historyFilter, setHistoryFilter] = useState<HistoryFilter>('all');
  const lifecycle = useContactLifecycle(contact.id);
  const update = useUpdateContact(contact.id);
  const toast = useToast();
  const navigate = useNavigate();

  const compose = (kind: ComposerKind) => {
    setMode(kind);
    setFocusSignal((n) => n + 1);
  };
  const runLifecycle = (action: LifecycleAction, done: string) =>
    lifecycle.mutate(action, {
      onSuccess: () => {
        toast.show(done);
        setDialog(null);
        if (action === 'delete') navigate('/contacts');
      },
      onError: (error) => toast.show(errorMessage(error), 'error'),
    });

  const trashed = contact.trashedAt !== null;
  const archived = contact.archivedAt !== null;
  const showActionsBar = can('contact.message') || can('contact.logNote') || can('contact.edit');
  useHotkey('e', () => setDialog('edit'), can('contact.edit'));
  useHotkey('m', () => compose('message'), can('contact.message'));
  useHotkey('s', () => setDialog('share'), can('contact.share'));

  const more: MenuItem[] = [];
  if (can('contact.share')) more.push({ label: 'Share', icon: 'share', onSelect: () => setDialog('share'), hint: 'S' });
  if (can('contact.reassign')) more.push({ label: 'Reassign', icon: 'userCheck', onSelect: () => setDialog('reassign') });
  if (can('contact.archive') && !trashed) {
    more.push(archived ? { label: 'Unarchive', icon: 'archive', onSelect: () => runLifecycle('unarchive', `${contact.name} is back in your lists`) } : { label: 'Archive', icon: 'archive', onSelect: () => runLifecycle('archive', `${contact.name} archived`) });
  }
  if (can('contact.restore') && trashed) more.push({ label: 'Restore from trash', icon: 'restore', onSelect: () => runLifecycle('restore', `${contact.name} restored`) });
  if (can('contact.delete') && !trashed) more.push({ label: 'Delete', icon: 'trash', danger: true, onSelect: () => setDialog('delete') });

  const subtitle = [contact.title, contact.company].filter(Boolean).join(' at ');
  return (
    <Page>
      <nav className={styles.breadcrumb} aria-label="Breadcrumb">
        <Link to="/contacts">
          <Icon name="arrowLeft" size={14} /> Contacts
        </Link>
      </nav>
      <header className={styles.header}>
        <Avatar name={contact.name} size={56} />
        <div className={styles.heading}>
          <h1 className={styles.title}>
            {contact.name}
            {contact.access.sharedWithYou ? <SharedIcon ownerName={contact.ownerName} /> : null}
          </h1>
          <p className={styles.subtitle}>{subtitle || 'No company or title yet'}</p>
          <div className={styles.badges}>
            <LevelBadge level={contact.access.level} />
            {contact.access.shared ? <span className="muted">Owned by {contact.ownerName}</span> : null}
            {archived ? <Badge tone="warning">Archived</Badge> : null}
            {trashed ? <Badge tone="danger">In trash</Badge> : null}
          </div>
        </div>
        <div className={styles.actions}>
          {showActionsBar ? (
            <div className={styles.actionsBar} role="toolbar" aria-label="Contact actions" data-testid="actions-bar">
              {can('contact.message') ? (
                <Button icon="message" onClick={() => compose('message')} title="Message (M)">
                  Message
                </Button>
              ) : null}
              {can('contact.logNote') ? (
                <Button icon="note" onClick={() => compose('note')}>
                  Note
                </Button>
              ) : null}
              {can('contact.edit') ? (
                <Button icon="edit" onClick={() => setDialog('edit')} title="Edit (E)">
                  Edit
                </Button>
              ) : null}
            </div>
          ) : null}
          <Menu label="More" items={more} />
        </div>
      </header>

      {trashed ? (
        <Notice tone="danger" icon="trash" title="This contact is in the trash.">
          <p>It was deleted on {formatDate(contact.trashedAt)} and will be removed for good 30 days later.</p>
        </Notice>
      ) : archived ? (
        <Notice tone="warning" icon="archive" title="This contact is archived.">
          <p>It keeps its history and sharing, but stays out of your lists.</p>
        </Notice>
      ) : null}

      <div className={styles.layout}>
        <div className={styles.column}>
          {modes.length > 0 && !trashed ? <Composer contact={contact} mode={mode} onModeChange={setMode} focusSignal={focusSignal} /> : null}
          <Card as="section" aria-labelledby="history-title" data-testid="history">
            <CardHeader id="history-title" title="Conversation history">
              {can('contact.readHistory') ? <Segmented size="sm" label="Show in history" options={HISTORY_FILTERS} value={historyFilter} onChange={setHistoryFilter} /> : null}
            </CardHeader>
            {can('contact.readHistory') ? (
              <HistoryTimeline contactId={contact.id} filter={historyFilter} />
            ) : (
              <HistoryHidden contact={contact} onRestore={can('contact.restore') ? () => runLifecycle('restore', `${contact.name} restored`) : null} restoring={lifecycle.isPending} />
            )}
          </Card>
        </div>
        <div className={styles.column}>
          <ProfileCard contact={contact} />
          <ContactCalendarPanel contact={contact} />
          <ExplainPanel contact={contact} />
          <WhoHasAccessPanel contact={contact} />
        </div>
      </div>

      <ShareDialog contact={contact} open={dialog === 'share'} onClose={() => setDialog(null)} />
      <ReassignDialog contact={contact} open={dialog === 'reassign'} onClose={() => setDialog(null)} />
      <ContactFormDialog
        open={dialog === 'edit'}
        contact={contact}
        onClose={() => {
          setDialog(null);
          update.reset();
        }}
        pending={update.isPending}
        error={update.error}
        onSubmit={(input) =>
          update.mutate(input, {
            onSuccess: () => {
              setDialog(null);
              toast.show('Changes saved');
            },
          })
        }
      />
      <ConfirmDialog
        open={dialog === 'delete'}
        title={`Delete ${contact.name}?`}
        confirmLabel="Move to trash"
        danger
        pending={lifecycle.isPending}
        onClose={() => setDialog(null)}
        onConfirm={() => runLifecycle('delete', `${contact.name} moved to the trash`)}
      >
        <p>The contact moves to the trash with its history. Its owner or an administrator can restore it for 30 days.</p>
      </ConfirmDialog>
    </Page>
  );
}
