import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon.tsx';

export function EmptyState({ icon = 'inbox', title, children, action, tone = 'neutral' }: { icon?: IconName; title: string; children?: ReactNode; action?: ReactNode; tone?: 'neutral' | 'danger' }) {
  return (
    <div className={`empty-state empty-${tone}`}>
      <div className="empty-icon">
        <Icon name={icon} size={22} />
      </div>
      <h3>{title}</h3>
      {children ? <div className="empty-text">{children}</div> : null}
      {action ? <div className="empty-action">{action}</div> : null}
    </div>
  );
}
