import type { ComponentPropsWithRef, ReactNode } from 'react';
import { cx } from '../lib/cx.ts';
import styles from './Button.module.css';
import { Icon, type IconName } from './Icon.tsx';
import { Spinner } from './Spinner.tsx';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
export type ButtonSize = 'sm' | 'md';

/** The classes of a button, for elements that look like one without being a <Button> (a router Link, a menu trigger). */
export function buttonClass({ variant = 'secondary', size = 'md', iconOnly = false, block = false }: { variant?: ButtonVariant; size?: ButtonSize; iconOnly?: boolean; block?: boolean } = {}): string {
  return cx(styles.btn, styles[variant], size === 'sm' && styles.sm, iconOnly && styles.iconOnly, block && styles.block);
}

export type ButtonProps = ComponentPropsWithRef<'button'> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  icon?: IconName;
  loading?: boolean;
  /** Full width of its container. */
  block?: boolean;
  children?: ReactNode;
};

export function Button({ variant = 'secondary', size = 'md', icon, loading = false, block = false, children, className, disabled, type = 'button', ...rest }: ButtonProps) {
  return (
    <button type={type} className={cx(buttonClass({ variant, size, iconOnly: !children, block }), className)} disabled={disabled || loading} aria-busy={loading || undefined} {...rest}>
      {loading ? <Spinner size={14} /> : icon ? <Icon name={icon} size={size === 'sm' ? 14 : 16} /> : null}
      {children ? <span>{children}</span> : null}
    </button>
  );
}
