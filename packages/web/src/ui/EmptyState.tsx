import type { ReactNode } from 'react';
import { cx } from '../lib/cx.ts';
import styles from './EmptyState.module.css';
import { Icon, type IconName } from './Icon.tsx';

export function EmptyState({ icon = 'inbox', title, children, action, tone = 'neutral' }: { icon?: IconName; title: string; children?: ReactNode; action?: ReactNode; tone?: 'neutral' | 'danger' }) {
  return (
    <div className={cx(styles.empty, tone === 'danger' && styles.danger)} data-testid="empty-state">
      <div className={styles.icon}>
        <Icon name={icon} size={22} />
      </div>
      <h3 className={styles.title}>{title}</h3>
      {children ? <div className={styles.text}>{children}</div> : null}
      {action ? <div className={styles.action}>{action}</div> : null}
    </div>
  );
}
