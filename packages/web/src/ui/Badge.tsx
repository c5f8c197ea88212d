import type { ReactNode } from 'react';
import { cx } from '../lib/cx.ts';
import styles from './Badge.module.css';

export type BadgeTone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger' | 'info';

export function Badge({ tone = 'neutral', children, title, testId }: { tone?: BadgeTone; children: ReactNode; title?: string; testId?: string }) {
  return (
    <span className={cx(styles.badge, tone !== 'neutral' && styles[tone])} title={title} data-testid={testId}>
      {children}
    </span>
  );
}
