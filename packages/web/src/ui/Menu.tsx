// A dropdown menu: arrow keys move, Enter picks, Escape closes and returns focus to the trigger.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { cx } from '../lib/cx.ts';
import { buttonClass } from './Button.tsx';
import { Icon, type IconName } from './Icon.tsx';
import styles from './Menu.module.css';

/** `disabledReason`: the item stays listed and focusable (so the reason is read out) but does nothing. */
export type MenuItem = { label: string; icon?: IconName; onSelect: () => void; danger?: boolean; hint?: string; disabledReason?: string | null };

export function Menu({ label, icon = 'more', items, showLabel = true }: { label: string; icon?: IconName; items: MenuItem[]; showLabel?: boolean }) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<Array<HTMLButtonElement | null>>([]);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    itemRefs.current[0]?.focus();
    const onDown = (event: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const move = (delta: number) => {
    const buttons = itemRefs.current.filter((b): b is HTMLButtonElement => b !== null);
    const index = buttons.findIndex((b) => b === document.activeElement);
    const next = buttons[(index + delta + buttons.length) % buttons.length];
    next?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      move(1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      move(-1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      triggerRef.current?.focus();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  };

  if (items.length === 0) return null;
  return (
    <div className={styles.menu} ref={rootRef} onKeyDown={onKeyDown}>
      <button
        ref={triggerRef}
        type="button"
        className={buttonClass({ iconOnly: !showLabel })}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={showLabel ? undefined : label}
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name={icon} />
        {showLabel ? <span>{label}</span> : null}
      </button>
      {open ? (
        <div className={styles.popover} role="menu" id={menuId} aria-label={label}>
          {items.map((item, i) => (
            <button
              key={item.label}
              ref={(el) => {
                itemRefs.current[i] = el;
              }}
              type="button"
              role="menuitem"
              className={cx(styles.item, item.danger && styles.danger, item.disabledReason && styles.disabled)}
              aria-disabled={item.disabledReason ? true : undefined}
              onClick={() => {
                if (item.disabledReason) return;
                setOpen(false);
                triggerRef.current?.focus();
                item.onSelect();
              }}
            >
              {item.icon ? <Icon name={item.icon} /> : null}
              {item.disabledReason ? (
                <span className={styles.text}>
                  <span>{item.label}</span>
                  <span className={styles.reason}>{item.disabledReason}</span>
                </span>
              ) : (
                <span>{item.label}</span>
              )}
              {item.hint ? <span className={styles.hint}>{item.hint}</span> : null}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
