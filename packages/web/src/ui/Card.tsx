// A white card on the grey page. `as` picks the element (a <section> with a heading, a <form>, a list item).
import type { HTMLAttributes, ReactNode } from 'react';
import { cx } from '../lib/cx.ts';
import styles from './Card.module.css';
import { Spinner } from './Spinner.tsx';

type CardProps = HTMLAttributes<HTMLElement> & {
  as?: 'div' | 'section' | 'li' | 'aside';
  /** flush: no padding (a list or table fills it); roomy: forms. */
  padding?: 'normal' | 'flush' | 'roomy';
};

export function Card({ as: Tag = 'div', padding = 'normal', className, ...rest }: CardProps) {
  return <Tag className={cx(styles.card, padding !== 'normal' && styles[padding], className)} {...rest} />;
}

/** The card's classes, for a card that must be another element (a <form>). */
export function cardClass(padding: 'normal' | 'flush' | 'roomy' = 'normal'): string {
  return cx(styles.card, padding !== 'normal' && styles[padding]);
}

/** The card's title (an <h2> whose id labels the card) and, on the right, its controls. */
export function CardHeader({ id, title, children }: { id: string; title: ReactNode; children?: ReactNode }) {
  return (
    <header className={styles.header}>
      <h2 id={id} className={styles.title}>
        {title}
      </h2>
      {children}
    </header>
  );
}

export function CardLoading({ label }: { label: string }) {
  return (
    <div className={styles.loading}>
      <Spinner size={16} label={label} />
    </div>
  );
}
