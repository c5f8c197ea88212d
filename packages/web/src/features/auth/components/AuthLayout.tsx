import type { ReactNode } from 'react';
import { Logo } from '../../../ui/Logo.tsx';

export function AuthLayout({ title, subtitle, children, footer }: { title: string; subtitle: string; children: ReactNode; footer: ReactNode }) {
  return (
    <div className="auth-screen">
      <div className="auth-brand">
        <Logo />
        <span>Tandem</span>
      </div>
      <main className="auth-card">
        <h1>{title}</h1>
        <p className="auth-subtitle">{subtitle}</p>
        {children}
      </main>
      <p className="auth-footer">{footer}</p>
    </div>
  );
}
