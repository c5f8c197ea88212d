// The frame of a page: its padding and width, the header with the title and main actions, section headers.
import type { ComponentPropsWithRef, ReactNode } from 'react';
import { cx } from '../lib/cx.ts';
import styles from './Page.module.css';

export function Page({ centered = false, className, ...rest }: ComponentPropsWithRef<'div'> & { centered?: boolean }) {
  return <div className={cx(styles.page, centered && styles.centered, className)} {...rest} />;
}

/** The page's <h1>, a line under it, and the page's main actions on the right (below it on a phone). */
export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <header className={styles.header}>
      <div className={styles.heading}>
        <h1 className={styles.title}>{title}</h1>
        {subtitle ? <p className={styles.subtitle}>{subtitle}</p> : null}
      </div>
      {actions}
    </header>
  );
}

/** A section's <h2> (its id labels the section), a description and the section's actions. */
export function SectionHeader({ id, title, description, actions }: { id: string; title: ReactNode; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className={styles.sectionHeader}>
      <div className={styles.heading}>
        <h2 id={id} className={styles.sectionTitle}>
          {title}
        </h2>
        {description ? <p className={styles.description}>{description}</p> : null}
      </div>
      {actions}
    </div>
  );
}

/** A small <h3> heading inside a card or a dialog. */
export function Subheading({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <h3 id={id} className={styles.subheading}>
      {children}
    </h3>
  );
}

/** Centres its content in the whole window (an error before the app has loaded). */
export function CenterScreen({ children }: { children: ReactNode }) {
  return <div className={styles.screen}>{children}</div>;
}
