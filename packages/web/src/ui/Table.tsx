import type { ComponentPropsWithRef, ReactNode } from 'react';
import { cx } from '../lib/cx.ts';
import styles from './Table.module.css';

export function TableCard({ children }: { children: ReactNode }) {
  return <div className={styles.card}>{children}</div>;
}

export function Table({ className, ...rest }: ComponentPropsWithRef<'table'>) {
  return <table className={cx(styles.table, className)} {...rest} />;
}
