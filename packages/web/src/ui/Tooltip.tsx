import { useId, type ReactNode } from 'react';
import { cx } from '../lib/cx.ts';
import styles from './Tooltip.module.css';

/** A hover/focus tooltip; the trigger is described by the tip for screen readers. */
export function Tooltip({ tip, children, side = 'top', focusable = false }: { tip: string; children: ReactNode; side?: 'top' | 'bottom'; focusable?: boolean }) {
  const id = useId();
  return (
    <span className={cx(styles.anchor, side === 'bottom' && styles.bottom)} tabIndex={focusable ? 0 : undefined} aria-describedby={id}>
      {children}
      <span role="tooltip" id={id} className={styles.tip}>
        {tip}
      </span>
    </span>
  );
}
