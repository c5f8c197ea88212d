// A row of mutually exclusive buttons. `kind` says what they mean to assistive technology: "pressed" toggles
// (a view or a filter; the container is a nav or a group), "radio" a choice among values (a radiogroup).
import { cx } from '../lib/cx.ts';
import styles from './Segmented.module.css';

export type SegmentOption<T extends string> = { id: T; label: string };

export function Segmented<T extends string>({ label, options, value, onChange, kind = 'pressed', as = 'div', size = 'md', disabled = false }: {
  label: string;
  options: SegmentOption<T>[];
  value: T;
  onChange: (next: T) => void;
  kind?: 'pressed' | 'radio';
  as?: 'div' | 'nav';
  size?: 'sm' | 'md';
  disabled?: boolean;
}) {
  const Tag = as;
  const role = kind === 'radio' ? 'radiogroup' : as === 'nav' ? undefined : 'group';
  return (
    <Tag className={cx(styles.segmented, size === 'sm' && styles.sm)} role={role} aria-label={label}>
      {options.map((o) => (
        <button
          key={o.id}
          type="button"
          role={kind === 'radio' ? 'radio' : undefined}
          aria-checked={kind === 'radio' ? o.id === value : undefined}
          aria-pressed={kind === 'pressed' ? o.id === value : undefined}
          className={cx(styles.segment, o.id === value && styles.active)}
          disabled={disabled}
          onClick={() => o.id !== value && onChange(o.id)}
        >
          {o.label}
        </button>
      ))}
    </Tag>
  );
}
