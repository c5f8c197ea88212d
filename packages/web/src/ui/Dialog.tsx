// A modal dialog on the native <dialog> element: focus is trapped, Escape closes, the page behind is inert.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { cx } from '../lib/cx.ts';
import { Button } from './Button.tsx';
import styles from './Dialog.module.css';
import { ToastViewport, useToastsInDialog } from './Toast.tsx';

export type DialogProps = {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  size?: 'sm' | 'md' | 'lg';
  testId?: string;
};

export function Dialog(props: DialogProps) {
  return props.open ? <OpenDialog {...props} /> : null;
}

// The element that last had focus. A dialog opened by a keyboard shortcut while nothing had
// focus (after a click on plain text, focus is on <body>) gives focus back to it, or to the page's content: never
// to <body>, where the next Tab starts over at the top of the document (issue 10, defect 16).
let lastFocused: HTMLElement | null = null;
if (typeof document !== 'undefined') {
  document.addEventListener('focusin', (event) => {
    const target = event.target;
    if (target instanceof HTMLElement && target !== document.body) lastFocused = target;
  });
}

/** Where focus goes back to when a dialog closes: what had it before, else what had it last, else the page's content. */
export function focusBeforeDialog(): HTMLElement | null {
  const active = document.activeElement;
  if (active instanceof HTMLElement && active !== document.body) return active;
  if (lastFocused?.isConnected) return lastFocused;
  return document.getElementById('main');
}

function OpenDialog({ open, onClose, title, description, children, footer, size = 'md', testId }: DialogProps) {
  useToastsInDialog();
  const ref = useRef<HTMLDialogElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    // Give focus back to where it was (the button that opened the dialog) when the dialog goes away.
    const before = focusBeforeDialog();
    return () => {
      const target = before?.isConnected ? before : document.getElementById('main');
      // A dialog opened from a menu item: the item is gone with its menu by now, and so focus goes to the page.
      target?.focus({ preventScroll: true });
    };
  }, []);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // showModal focuses the first focusable element (the close button); start where the work is instead.
      const first =
        dialog.querySelector<HTMLElement>('[data-autofocus]') ??
        bodyRef.current?.querySelector<HTMLElement>('input:not([type="hidden"]):not([type="radio"]):not([type="checkbox"]), textarea, select');
      first?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={cx(styles.dialog, styles[size])}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onMouseDown={(event) => {
        if (event.target === ref.current) onClose();
      }}
    >
      <div className={styles.panel}>
        <header className={styles.header}>
          <div>
            <h2 id={titleId} className={styles.title}>
              {title}
            </h2>
            {description ? <p className={styles.description}>{description}</p> : null}
          </div>
          <Button variant="ghost" icon="x" onClick={onClose} aria-label="Close" />
        </header>
        <div className={styles.body} ref={bodyRef}>
          {children}
        </div>
        {footer ? <footer className={styles.footer}>{footer}</footer> : null}
      </div>
      <ToastViewport inDialog />
    </dialog>
  );
}
