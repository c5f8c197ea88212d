import type { ReactNode } from 'react';
import { Logo } from '../../../ui/Logo.tsx';
import styles from './AuthLayout.module.css';

export function AuthLayout({ title, subtitle, children, footer }: { title: string; subtitle: string; children: ReactNode; footer: ReactNode }) {
  return (
    <div className={styles.screen}>
      <div className={styles.brand}>
        <Logo />
        <span>Tandem</span>
      </div>
      <main className={styles.card}>
        <h1 className={styles.title}>{title}</h1>
        <p className={styles.subtitle}>{subtitle}</p>
        {children}
      </main>
      <p className={styles.footer}>{footer}</p>
    </div>
  );
}
