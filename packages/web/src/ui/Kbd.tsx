import type { ReactNode } from 'react';
import styles from './Kbd.module.css';

/** A key on the keyboard, as in a shortcut hint. */
export function Kbd({ children }: { children: ReactNode }) {
  return <kbd className={styles.kbd}>{children}</kbd>;
}
