import { NavLink, Outlet } from 'react-router-dom';
import { Icon } from '../ui/Icon.tsx';
import { SETTINGS_SECTIONS } from './AppShell.tsx';

export function SettingsLayout() {
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Settings</h1>
          <p className="page-subtitle">Manage your organisation: people, access, branding and the audit trail.</p>
        </div>
      </header>
      <nav className="tabs" aria-label="Settings sections">
        {SETTINGS_SECTIONS.map((s) => (
          <NavLink key={s.to} to={s.to} className={({ isActive }) => `tab${isActive ? ' active' : ''}`}>
            <Icon name={s.icon} size={14} />
            {s.label}
          </NavLink>
        ))}
      </nav>
      <div className="page-body">
        <Outlet />
      </div>
    </div>
  );
}
