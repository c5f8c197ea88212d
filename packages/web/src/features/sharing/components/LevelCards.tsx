// The levels a share can give, as cards with one line each on what the level allows.
import type { ShareLevel } from '../../../api/models.ts';
import { cx } from '../../../lib/cx.ts';
import { FieldGroup } from '../../../ui/Field.tsx';
import { SHARE_LEVELS } from '../levels.ts';
import styles from './LevelCards.module.css';

export function LevelCards({ levels, value, onChange, explanations, labels }: {
  levels: ShareLevel[];
  value: ShareLevel | undefined;
  onChange: (level: ShareLevel) => void;
  /** What each level means here, when it differs from a contact share's (a bucket's). */
  explanations?: Partial<Record<ShareLevel, string>>;
  /** What each level is called here, when it differs from a contact share's (a template's "Can use"). */
  labels?: Partial<Record<ShareLevel, string>>;
}) {
  return (
    <FieldGroup label="Access level">
      <div className={styles.levels} role="radiogroup" aria-label="Access level">
        {levels.map((l) => (
          <label key={l} className={cx(styles.level, value === l && styles.selected)} data-testid={`level-${l}`}>
            <input type="radio" name="level" value={l} checked={value === l} onChange={() => onChange(l)} />
            <span className={styles.levelText}>
              <strong>{labels?.[l] ?? SHARE_LEVELS[l].label}</strong>
              <span className={styles.levelExplanation}>{explanations?.[l] ?? SHARE_LEVELS[l].explanation}</span>
            </span>
          </label>
        ))}
      </div>
    </FieldGroup>
  );
}
