// When a new share starts (now, or on a date) and ends (never, or on a date, with 1 day / 1 week / 1 month
// presets counted from the start). Used by the contact share dialog and the bucket share dialog.
import { useId } from 'react';
import { FieldGroup, Input, Radio } from '../../../ui/Field.tsx';
import { END_PRESETS, presetDate, presetEnd, type WindowDraft } from '../share-window.ts';
import styles from './ShareWindowFields.module.css';

export function ShareWindowFields({ value, onChange, error }: { value: WindowDraft; onChange: (next: WindowDraft) => void; error: string | null }) {
  const id = useId();
  const set = (patch: Partial<WindowDraft>) => onChange({ ...value, ...patch });
  return (
    <FieldGroup label="When" error={error}>
      <div className={styles.line} role="radiogroup" aria-labelledby={`${id}-starts`}>
        <span id={`${id}-starts`} className={styles.lineLabel}>
          Starts
        </span>
        <span className={styles.options}>
          <Radio name={`${id}-start`} checked={value.startMode === 'now'} onChange={() => set({ startMode: 'now' })}>
            Now
          </Radio>
          <Radio name={`${id}-start`} checked={value.startMode === 'on'} onChange={() => set({ startMode: 'on', starts: value.starts || presetDate(1) })}>
            Later, on
          </Radio>
          <Input type="datetime-local" inline aria-label="Share starts" value={value.starts} onChange={(e) => set({ starts: e.target.value, startMode: e.target.value ? 'on' : 'now' })} />
        </span>
      </div>
      <div className={styles.line} role="radiogroup" aria-labelledby={`${id}-ends`}>
        <span id={`${id}-ends`} className={styles.lineLabel}>
          Ends
        </span>
        <span className={styles.options}>
          <Radio name={`${id}-end`} checked={value.endMode === 'permanent'} onChange={() => set({ endMode: 'permanent' })}>
            Never, until revoked
          </Radio>
          <Radio name={`${id}-end`} checked={value.endMode === 'until'} onChange={() => set({ endMode: 'until' })}>
            Until
          </Radio>
          <Input type="datetime-local" inline aria-label="Share until" value={value.until} onChange={(e) => set({ until: e.target.value, endMode: 'until' })} />
          <span className={styles.presets}>
            {END_PRESETS.map((p) => (
              <button key={p.label} type="button" className={styles.preset} onClick={() => set({ until: presetEnd(value, p.days), endMode: 'until' })}>
                {p.label}
              </button>
            ))}
          </span>
        </span>
      </div>
    </FieldGroup>
  );
}
