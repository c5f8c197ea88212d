import type { ReactNode } from 'react';
import { cx } from '../lib/cx.ts';
import { Icon, type IconName } from './Icon.tsx';
import styles from './Notice.module.css';

export type NoticeTone = 'danger' | 'warning' | 'success' | 'info';

/** A coloured box with a message: an error, a warning, a success or a piece of information. */
export function Notice({ tone, icon, title, children, action, role, testId, small = false }: {
  tone: NoticeTone;
  icon?: IconName;
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  role?: 'alert' | 'status';
  testId?: string;
  small?: boolean;
}) {
  return (
    <div className={cx(styles.notice, styles[tone], small && styles.small)} role={role} data-testid={testId}>
      {icon ? <Icon name={icon} /> : null}
      <div className={styles.body}>
        {title ? <strong>{title}</strong> : null}
        {children}
      </div>
      {action}
    </div>
  );
}
