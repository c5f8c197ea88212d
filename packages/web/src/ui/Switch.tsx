import { useId, type ReactNode } from 'react';
import styles from './Switch.module.css';

export function Switch({ checked, onChange, label, description, disabled }: { checked: boolean; onChange: (next: boolean) => void; label: string; description?: string; disabled?: boolean }) {
  const id = useId();
  return (
    <div className={styles.row}>
      <div className={styles.text}>
        <label htmlFor={id} className={styles.label}>
          {label}
        </label>
        {description ? <p className={styles.description}>{description}</p> : null}
      </div>
      <button id={id} type="button" role="switch" aria-checked={checked} className={styles.switch} disabled={disabled} onClick={() => onChange(!checked)}>
        <span className={styles.thumb} />
      </button>
    </div>
  );
}

/** A row laid out like a switch's, with any control on the right (a button that acts at once, say). */
export function SettingRow({ label, description, children }: { label: string; description?: ReactNode; children: ReactNode }) {
  return (
    <div className={styles.row}>
      <div className={styles.text}>
        <span className={styles.label}>{label}</span>
        {description ? <p className={styles.description}>{description}</p> : null}
      </div>
      {children}
    </div>
  );
}
