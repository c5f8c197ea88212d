// Toasts: short confirmations and errors in the corner; they leave by themselves. While a modal dialog is open
// the rest of the page is inert (and under the backdrop), so the dialog shows the toasts itself.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { cx } from '../lib/cx.ts';
import { Icon } from './Icon.tsx';
import styles from './Toast.module.css';

export type ToastTone = 'success' | 'error' | 'info';
/** A button in the toast ("Undo"): it runs once and closes the toast. */
export type ToastAction = { label: string; onClick: () => void };
type ToastItem = { id: number; tone: ToastTone; message: string; action?: ToastAction };
type ToastApi = { show: (message: string, tone?: ToastTone, action?: ToastAction) => void };
type ToastState = { toasts: ToastItem[]; dismiss: (id: number) => void; openDialogs: number; trackDialog: () => () => void };

const ToastContext = createContext<ToastApi>({ show: () => undefined });
const ToastStateContext = createContext<ToastState>({ toasts: [], dismiss: () => undefined, openDialogs: 0, trackDialog: () => () => undefined });

let nextId = 1;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const [openDialogs, setOpenDialogs] = useState(0);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (message: string, tone: ToastTone = 'success', action?: ToastAction) => {
      const id = nextId++;
      setToasts((all) => [...all.slice(-3), { id, tone, message, action }]);
      // A toast with a button stays long enough to reach it.
      window.setTimeout(() => dismiss(id), action ? 10_000 : tone === 'error' ? 7000 : 4000);
    },
    [dismiss],
  );
  const trackDialog = useCallback(() => {
    setOpenDialogs((n) => n + 1);
    return () => setOpenDialogs((n) => n - 1);
  }, []);
  const api = useMemo(() => ({ show }), [show]);
  const state = useMemo(() => ({ toasts, dismiss, openDialogs, trackDialog }), [toasts, dismiss, openDialogs, trackDialog]);
  return (
    <ToastContext.Provider value={api}>
      <ToastStateContext.Provider value={state}>
        {children}
        <ToastViewport />
      </ToastStateContext.Provider>
    </ToastContext.Provider>
  );
}

/** Where toasts appear: the page's corner, or inside the open dialog (`inDialog`). */
export function ToastViewport({ inDialog = false }: { inDialog?: boolean }) {
  const { toasts, dismiss, openDialogs } = useContext(ToastStateContext);
  if (!inDialog && openDialogs > 0) return null;
  return (
    <div className={styles.toasts} role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={cx(styles.toast, t.tone !== 'info' && styles[t.tone])}>
          <Icon name={t.tone === 'error' ? 'alert' : t.tone === 'success' ? 'check' : 'info'} />
          <span className={styles.message}>{t.message}</span>
          {t.action ? (
            <button
              type="button"
              className={styles.action}
              onClick={() => {
                dismiss(t.id);
                t.action?.onClick();
              }}
            >
              {t.action.label}
            </button>
          ) : null}
          <button type="button" className={styles.close} aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            <Icon name="x" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}

/** A dialog calls this while it is open, so toasts move into it. */
export function useToastsInDialog(): void {
  const { trackDialog } = useContext(ToastStateContext);
  useEffect(() => trackDialog(), [trackDialog]);
}

export function useToast(): ToastApi {
  return useContext(ToastContext);
}
