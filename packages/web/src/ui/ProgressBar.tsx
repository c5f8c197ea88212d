// A horizontal progress bar (role="progressbar"): `value` of `max`, or moving without a known end when `max` is null.
import { cx } from '../lib/cx.ts';
import styles from './ProgressBar.module.css';

export function ProgressBar({ value, max, label, valueText, className, testId }: {
  value: number;
  max: number | null;
  /** What is progressing, for screen readers ("Sync to Mailchimp"). */
  label: string;
  /** The progress in words ("12 of 40 contacts"). */
  valueText?: string;
  className?: string;
  testId?: string;
}) {
  const known = max !== null && max > 0;
  const ratio = known ? Math.min(1, Math.max(0, value / max)) : max === 0 ? 1 : null;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={known ? max : undefined}
      aria-valuenow={known ? Math.min(value, max) : undefined}
      aria-valuetext={valueText}
      className={cx(styles.track, className)}
      data-testid={testId}
    >
      <div className={cx(styles.fill, ratio === null && styles.indeterminate)} style={ratio === null ? undefined : { width: `${ratio * 100}%` }} />
    </div>
  );
}
