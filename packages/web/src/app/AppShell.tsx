// The signed-in layout: a sidebar (org, navigation, settings for admins, the user) and the page.
import { useState } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { useSignOut } from '../features/auth/hooks/useSession.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { Icon, type IconName } from '../ui/Icon.tsx';
import { Logo } from '../ui/Logo.tsx';
import { useHotkey } from '../lib/useHotkey.ts';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { useBranding } from './useBranding.ts';

export const SETTINGS_SECTIONS: { to: string; label: string; icon: IconName }[] = [
  { to: '/settings/users', label: 'Users', icon: 'user' },
  { to: '/settings/teams', label: 'Teams', icon: 'users' },
  { to: '/settings/permissions', label: 'Permissions', icon: 'shield' },
  { to: '/settings/branding', label: 'Branding', icon: 'palette' },
  { to: '/settings/billing', label: 'Billing', icon: 'card' },
  { to: '/settings/audit', label: 'Audit log', icon: 'activity' },
];

function NavItem({ to, icon, label, end }: { to: string; icon: IconName; label: string; end?: boolean }) {
  return (
    <NavLink to={to} end={end} className={({ isActive }) => `nav-item${isActive ? ' active' : ''}`}>
      <Icon name={icon} />
      <span>{label}</span>
    </NavLink>
  );
}

export function AppShell() {
  const { user, org } = useCurrentUser();
  const signOut = useSignOut();
  const [shortcuts, setShortcuts] = useState(false);
  useBranding(org);
  useHotkey('?', () => setShortcuts(true));
  return (
    <div className="shell">
      <aside className="sidebar" aria-label="Main navigation">
        <div className="sidebar-org">
          <Logo />
          <div className="sidebar-org-text">
            <strong data-testid="org-name">{org.name}</strong>
            <span>Tandem CRM</span>
          </div>
        </div>
        <nav className="nav">
          <NavItem to="/contacts" icon="inbox" label="Contacts" />
          {user.role === 'admin' ? <NavItem to="/settings" icon="sliders" label="Settings" /> : null}
        </nav>
        <button type="button" className="nav-item shortcuts-link" onClick={() => setShortcuts(true)}>
          <kbd className="kbd">?</kbd>
          <span>Keyboard shortcuts</span>
        </button>
        <div className="sidebar-footer">
          <div className="sidebar-user" data-testid="current-user">
            <Avatar name={user.name} size={30} />
            <div className="sidebar-user-text">
              <strong>{user.name}</strong>
              <span>{user.role === 'admin' ? 'Administrator' : 'Member'}</span>
            </div>
          </div>
          <button type="button" className="btn btn-ghost btn-icon-only" onClick={() => signOut.mutate()} aria-label="Sign out" title="Sign out" disabled={signOut.isPending}>
            <Icon name="logOut" />
          </button>
        </div>
      </aside>
      <main className="main" id="main">
        <Outlet />
      </main>
      <ShortcutsDialog open={shortcuts} onClose={() => setShortcuts(false)} />
    </div>
  );
}
