// The contacts inbox: search as you type (any word of names, companies, e-mails, phones and tags), views (all, mine,
// shared with me, archived, trash), an order and filters (owner, tag, bucket) kept in the URL, a count of what
// matches, infinite scroll, and picking contacts for bulk actions (features/contacts/components/BulkActionBar.tsx).
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { describeError } from '../api/errors.ts';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { SelectableContactRows, SelectButton, useContactSelection } from '../features/buckets/components/ContactSelection.tsx';
import { BulkActionBar } from '../features/contacts/components/BulkActionBar.tsx';
import { ContactFormDialog } from '../features/contacts/components/ContactFormDialog.tsx';
import { ContactRow } from '../features/contacts/components/ContactRow.tsx';
import { ExportMenu } from '../features/contacts/components/ExportMenu.tsx';
import { ListControls, SORTS } from '../features/contacts/components/ListControls.tsx';
import { useCreateContact } from '../features/contacts/hooks/useContact.ts';
import { INBOX_VIEWS, isInboxView, useContacts, type InboxView, type ListFilters } from '../features/contacts/hooks/useContacts.ts';
import { cx } from '../lib/cx.ts';
import { useDebounced } from '../lib/useDebounced.ts';
import { useHotkey } from '../lib/useHotkey.ts';
import { Button, buttonClass } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Icon } from '../ui/Icon.tsx';
import { Kbd } from '../ui/Kbd.tsx';
import { Page, PageHeader } from '../ui/Page.tsx';
import { Segmented } from '../ui/Segmented.tsx';
import { Spinner } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';
import styles from './ContactsPage.module.css';

const EMPTY: Record<InboxView, { title: string; text: string }> = {
  all: { title: 'No contacts yet', text: 'Add your first contact, or ask a colleague to share theirs with you.' },
  mine: { title: 'You do not own any contacts yet', text: 'Contacts you create are private to you until you share them.' },
  shared: { title: 'Nothing is shared with you yet', text: 'When a colleague shares a contact with you, it appears here with the shared icon.' },
  archived: { title: 'No archived contacts', text: 'Archived contacts keep their history and sharing, but stay out of your lists.' },
  trash: { title: 'The trash is empty', text: 'Deleted contacts stay here for 30 days, then they are removed for good.' },
};

export function ContactsPage() {
  const { user } = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const viewParam = params.get('view');
  const view: InboxView = isInboxView(viewParam) ? viewParam : 'all';
  const [q, setQ] = useState(params.get('q') ?? '');
  const search = useDebounced(q.trim(), 200);
  const [tagInput, setTagInput] = useState(params.get('tag') ?? '');
  const tag = useDebounced(tagInput.trim(), 300);
  const sortParam = params.get('sort');
  const filters: ListFilters = {
    sort: SORTS.find((s) => s.id === sortParam)?.id ?? 'name', ownerId: view === 'mine' ? '' : params.get('owner') ?? '', tag, bucketId: params.get('bucket') ?? '',
  };
  const contacts = useContacts(view, search, filters);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const sentinelRef = useRef<HTMLDivElement>(null);
  const [creating, setCreating] = useState(false);
  const create = useCreateContact();
  const navigate = useNavigate();
  const toast = useToast();
  const selection = useContactSelection();

  useEffect(() => {
    const next = new URLSearchParams(params);
    for (const [key, value] of [['q', search], ['tag', tag]] as const) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [search, tag, params, setParams]);

  /** Order, owner and bucket live in the URL (a link or Back brings the same list). */
  const setFilters = (change: Partial<ListFilters>) => {
    const p = new URLSearchParams(params);
    const keys: [keyof ListFilters, string][] = [['sort', 'sort'], ['ownerId', 'owner'], ['bucketId', 'bucket']];
    for (const [field, key] of keys) {
      const value = change[field];
      if (value === undefined) continue;
      if (value && !(field === 'sort' && value === 'name')) p.set(key, value);
      else p.delete(key);
    }
    setParams(p, { replace: true });
  };

  const items = useMemo(() => contacts.data?.pages.flatMap((p) => p.items) ?? [], [contacts.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = contacts;

  useEffect(() => {
    const node = sentinelRef.current;
    if (!node || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    }, { rootMargin: '400px' });
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, items.length]);

  useHotkey('/', () => searchRef.current?.focus());
  useHotkey('c', () => setCreating(true));

  const setView = (next: InboxView) => {
    const p = new URLSearchParams(params);
    if (next === 'all') p.delete('view');
    else p.set('view', next);
    setParams(p);
  };

  const rowLinks = () => Array.from(listRef.current?.querySelectorAll<HTMLAnchorElement>('a[data-row-link]') ?? []);
  const onListKey = (event: KeyboardEvent) => {
    const links = rowLinks();
    const index = links.findIndex((l) => l === document.activeElement);
    if (event.key === 'ArrowDown' || event.key === 'j') {
      event.preventDefault();
      links[Math.min(index + 1, links.length - 1)]?.focus();
    } else if (event.key === 'ArrowUp' || event.key === 'k') {
      event.preventDefault();
      if (index <= 0) searchRef.current?.focus();
      else links[index - 1]?.focus();
    }
  };
  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      rowLinks()[0]?.focus();
    } else if (event.key === 'Enter') {
      rowLinks()[0]?.click();
    } else if (event.key === 'Escape') {
      setQ('');
    }
  };

  const empty = EMPTY[view];
  return (
    <Page>
      <PageHeader
        title="Contacts"
        subtitle="Everyone you and your team work with, as far as you may see them."
        actions={
          <div className={styles.actions}>
            <SelectButton selection={selection} />
            <ExportMenu view={view} q={search} filters={filters} />
            <Link to="/contacts/import" className={buttonClass()}>
              <Icon name="upload" />
              <span>Import</span>
            </Link>
            <Button variant="primary" icon="plus" onClick={() => setCreating(true)} title="New contact (C)">
              New contact
            </Button>
          </div>
        }
      />
      <div className={styles.toolbar}>
        <div className={styles.search}>
          <Icon name="search" />
          <input
            ref={searchRef}
            type="search"
            className={styles.searchInput}
            placeholder="Search names, companies, e-mails, phones, tags"
            aria-label="Search contacts"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={onSearchKey}
          />
          {contacts.isFetching && !contacts.isFetchingNextPage ? <Spinner size={14} /> : <Kbd>/</Kbd>}
        </div>
        <Segmented as="nav" label="Contact views" options={INBOX_VIEWS} value={view} onChange={setView} />
      </div>

      <ListControls
        filters={filters}
        tag={tagInput}
        onTag={setTagInput}
        onChange={setFilters}
        total={contacts.data?.pages[0]?.total}
        showOwner={view !== 'mine'}
      />
      <BulkActionBar selection={selection} items={items} view={view} />
      <div className={styles.list}>
        <div className={styles.head} aria-hidden="true">
          <span>Name</span>
          <span className={styles.headEmail}>E-mail</span>
          <span className={styles.headPhone}>Phone</span>
          <span>Owner</span>
          <span>Your access</span>
        </div>
        {contacts.isPending ? (
          <ul className={styles.rows} aria-busy="true">
            {Array.from({ length: 8 }, (_, i) => (
              <li key={i} className={styles.skeletonRow}>
                <span className={cx(styles.skeleton, styles.skeletonAvatar)} />
                <span className={cx(styles.skeleton, styles.skeletonLine)} />
              </li>
            ))}
          </ul>
        ) : contacts.isError ? (
          <div className={styles.message}>
            <ErrorNotice error={contacts.error} onRetry={() => void contacts.refetch()} />
          </div>
        ) : items.length === 0 ? (
          search || filters.tag || filters.ownerId || filters.bucketId ? (
            <EmptyState icon="search" title={search ? `No contacts match “${search}”` : 'No contacts match these filters'}>
              <p>Search finds any word of names and companies, e-mail addresses or parts of them, phone numbers and tags. {view !== 'all' ? 'Try the All view.' : ''}</p>
            </EmptyState>
          ) : (
            <EmptyState icon={view === 'trash' ? 'trash' : view === 'archived' ? 'archive' : view === 'shared' ? 'users' : 'inbox'} title={empty.title} action={view === 'all' || view === 'mine' ? <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>New contact</Button> : undefined}>
              <p>{empty.text}</p>
            </EmptyState>
          )
        ) : selection.active ? (
          <SelectableContactRows items={items} selection={selection} meId={user.id} />
        ) : (
          <ul className={styles.rows} ref={listRef} onKeyDown={onListKey} aria-label="Contacts">
            {items.map((c) => (
              <ContactRow key={c.id} contact={c} isMine={c.ownerId === user.id} />
            ))}
          </ul>
        )}
        <div ref={sentinelRef} className={styles.sentinel} data-testid="list-sentinel">
          {isFetchingNextPage ? <Spinner size={16} label="Loading more contacts" /> : null}
          {contacts.isFetchNextPageError ? <span className="muted">{describeError(contacts.error).title}. Scroll to try again.</span> : null}
        </div>
      </div>

      <ContactFormDialog
        open={creating}
        onClose={() => {
          setCreating(false);
          create.reset();
        }}
        pending={create.isPending}
        error={create.error}
        onSubmit={(input) =>
          create.mutate(input, {
            onSuccess: (contact) => {
              setCreating(false);
              toast.show(`${contact.name} added`);
              navigate(`/contacts/${contact.id}`);
            },
          })
        }
      />
    </Page>
  );
}
