import { useEffect, useRef, type ReactNode } from 'react';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { cx } from '../lib/cx.ts';
import { Icon } from '../ui/Icon.tsx';
import { Page, PageHeader } from '../ui/Page.tsx';
import { SETTINGS_SECTIONS } from './AppShell.tsx';
import styles from './SettingsLayout.module.css';

/**
 * A settings page every signed-in user has (Integrations): an admin sees it as a tab of Settings, a member (who has no
 * Settings) as a page of its own with this title.
 */
export function SettingsPageForAll({ title, subtitle, children }: { title: string; subtitle: string; children: (inSettings: boolean) => ReactNode }) {
  const { user } = useCurrentUser();
  if (user.role === 'admin') return <SettingsLayout>{children(true)}</SettingsLayout>;
  return (
    <Page>
      <PageHeader title={title} subtitle={subtitle} />
      {children(false)}
    </Page>
  );
}

export function SettingsLayout({ children }: { children?: ReactNode }) {
  const tabsRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  // On a phone only some tabs fit: bring the open one into view.
  useEffect(() => {
    const tabs = tabsRef.current;
    const active = tabs?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!tabs || !active || tabs.scrollWidth <= tabs.clientWidth) return;
    tabs.scrollLeft = active.offsetLeft - (tabs.clientWidth - active.offsetWidth) / 2;
  }, [pathname]);
  return (
    <Page>
      <PageHeader title="Settings" subtitle="Manage your organisation: people, access, branding and the audit trail." />
      <nav ref={tabsRef} className={styles.tabs} aria-label="Settings sections">
        {SETTINGS_SECTIONS.map((s) => (
          <NavLink key={s.to} to={s.to} className={({ isActive }) => cx(styles.tab, isActive && styles.active)}>
            <Icon name={s.icon} size={14} />
            {s.label}
          </NavLink>
        ))}
      </nav>
      <div className={styles.body}>
        {children ?? <Outlet />}
      </div>
    </Page>
  );
}
