// The signed-in layout: a "Skip to content" link, a sidebar (org, navigation, settings for admins, the user) and
// the page. Up to 900px wide the sidebar folds away behind a menu button in a top bar and opens over the page.
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { useSignOut } from '../features/auth/hooks/useSession.ts';
import { cx } from '../lib/cx.ts';
import { useHotkey } from '../lib/useHotkey.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { Button } from '../ui/Button.tsx';
import { Icon, type IconName } from '../ui/Icon.tsx';
import { Kbd } from '../ui/Kbd.tsx';
import { Logo } from '../ui/Logo.tsx';
import styles from './AppShell.module.css';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { useBranding } from './useBranding.ts';
import { useScrollMemory } from './useScrollMemory.ts';

export const SETTINGS_SECTIONS: { to: string; label: string; icon: IconName }[] = [
  { to: '/settings/users', label: 'Users', icon: 'user' },
  { to: '/settings/teams', label: 'Teams', icon: 'users' },
  { to: '/settings/permissions', label: 'Permissions', icon: 'shield' },
  { to: '/settings/branding', label: 'Branding', icon: 'palette' },
  { to: '/settings/billing', label: 'Billing', icon: 'card' },
  { to: '/settings/audit', label: 'Audit log', icon: 'activity' },
  { to: '/settings/access-review', label: 'Access review', icon: 'eye' },
  { to: '/settings/unmatched-replies', label: 'Unmatched replies', icon: 'inbox' },
  { to: '/settings/integrations', label: 'Integrations', icon: 'refresh' },
];

const SIDEBAR_ID = 'app-sidebar';

function NavItem({ to, icon, label, end }: { to: string; icon: IconName; label: string; end?: boolean }) {
  return (
    <NavLink to={to} end={end} className={({ isActive }) => cx(styles.navItem, isActive && styles.active)}>
      <Icon name={icon} />
      <span>{label}</span>
    </NavLink>
  );
}

/** Moves focus to the page itself, so the next Tab starts in the content and a screen reader reads it. */
function skipToContent(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  const main = document.getElementById('main');
  main?.focus({ preventScroll: true });
  main?.scrollIntoView({ block: 'start' });
}

export function AppShell() {
  const { user, org } = useCurrentUser();
  const signOut = useSignOut();
  const [shortcuts, setShortcuts] = useState(false);
  const [navOpen, setNavOpen] = useState(false);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const sidebarRef = useRef<HTMLElement>(null);
  const location = useLocation();
  useBranding(org);
  useScrollMemory();
  useHotkey('?', () => setShortcuts(true));

  // Following a link closes the folded-out navigation (even a link to the page already open).
  useEffect(() => setNavOpen(false), [location.key]);

  // While it is open: focus goes into it, Escape closes it, and focus comes back to the menu button.
  useEffect(() => {
    if (!navOpen) return;
    sidebarRef.current?.querySelector<HTMLElement>('a, button')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setNavOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (sidebarRef.current?.contains(document.activeElement)) menuButtonRef.current?.focus();
    };
  }, [navOpen]);

  return (
    <div className={styles.shell}>
      <a href="#main" className={styles.skipLink} onClick={skipToContent}>
        Skip to content
      </a>
      <header className={styles.topbar} inert={navOpen}>
        <Button ref={menuButtonRef} variant="ghost" icon="menu" aria-label="Open navigation" aria-expanded={navOpen} aria-controls={SIDEBAR_ID} onClick={() => setNavOpen(true)} />
        <Logo size={24} />
        <span className={styles.topbarName}>{org.name}</span>
      </header>
      <aside ref={sidebarRef} id={SIDEBAR_ID} className={cx(styles.sidebar, navOpen && styles.sidebarOpen)} aria-label="Main navigation">
        <div className={styles.org}>
          <Logo />
          <div className={styles.orgText}>
            <strong className={styles.orgName} data-testid="org-name">
              {org.name}
            </strong>
            <span className={styles.orgProduct}>Tandem CRM</span>
          </div>
          <Button className={styles.closeButton} variant="ghost" icon="x" aria-label="Close navigation" onClick={() => setNavOpen(false)} />
        </div>
        <nav className={styles.nav}>
          <NavItem to="/contacts" icon="inbox" label="Contacts" />
          <NavItem to="/buckets" icon="folder" label="Buckets" />
          <NavItem to="/calendar" icon="calendar" label="Calendar" />
          <NavItem to="/tasks" icon="check" label="My tasks" />
          <NavItem to="/pipelines" icon="activity" label="Pipelines" />
          <NavItem to="/templates" icon="note" label="Templates" />
          <NavItem to="/programs" icon="send" label="Programs" />
          <NavItem to="/account/api-tokens" icon="key" label="API tokens" />
          {/* Members have no Settings; their own integrations are a page of their own (admins find it as a Settings tab). */}
          {user.role === 'admin' ? <NavItem to="/settings" icon="sliders" label="Settings" /> : <NavItem to="/settings/integrations" icon="refresh" label="Integrations" />}
        </nav>
        <button type="button" className={cx(styles.navItem, styles.shortcutsLink)} onClick={() => setShortcuts(true)}>
          <Kbd>?</Kbd>
          <span>Keyboard shortcuts</span>
        </button>
        <div className={styles.footer}>
          <NavLink to="/account/profile" className={({ isActive }) => cx(styles.user, isActive && styles.active)} data-testid="current-user">
            <span className="visually-hidden">Your profile: </span>
            <Avatar name={user.name} size={30} />
            <div className={styles.userText}>
              <strong className={styles.userName}>{user.name}</strong>
              <span className={styles.userRole}>{user.role === 'admin' ? 'Administrator' : 'Member'}</span>
            </div>
          </NavLink>
          <Button variant="ghost" icon="logOut" onClick={() => signOut.mutate()} aria-label="Sign out" title="Sign out" disabled={signOut.isPending} />
        </div>
      </aside>
      {navOpen ? <div className={styles.backdrop} aria-hidden="true" onClick={() => setNavOpen(false)} /> : null}
      <main className={styles.main} id="main" tabIndex={-1} inert={navOpen}>
        <Outlet />
      </main>
      <ShortcutsDialog open={shortcuts} onClose={() => setShortcuts(false)} />
    </div>
  );
}
