// The ordered stages of a pipeline: rename in place, move up or down, remove, add. Buttons, not dragging, so it works
// the same with a keyboard, a screen reader and a finger.
import { Button } from '../../../ui/Button.tsx';
import { Input } from '../../../ui/Field.tsx';
import { addStage, removeStage, renameStage, shiftStage, type StageDraft } from '../stage-drafts.ts';
import styles from './StagesEditor.module.css';

export function StagesEditor({ drafts, onChange, cardCounts }: {
  drafts: StageDraft[];
  onChange: (next: StageDraft[]) => void;
  /** Cards on each saved stage (visible and hidden), when known: a stage holding cards cannot be removed. */
  cardCounts?: ReadonlyMap<string, number>;
}) {
  return (
    <fieldset className={styles.editor}>
      <legend className={styles.legend}>Stages, in board order</legend>
      <ol className={styles.rows}>
        {drafts.map((d, i) => {
          const label = d.name.trim() || `stage ${i + 1}`;
          const held = d.id ? (cardCounts?.get(d.id) ?? 0) : 0;
          return (
            <li key={d.key} className={styles.row} data-testid="stage-draft">
              <span className={styles.number} aria-hidden="true">
                {i + 1}
              </span>
              <Input compact aria-label={`Stage ${i + 1} name`} value={d.name} maxLength={200} onChange={(e) => onChange(renameStage(drafts, d.key, e.target.value))} />
              <Button size="sm" variant="ghost" icon="chevronDown" className={styles.up} aria-label={`Move ${label} up`} disabled={i === 0} onClick={() => onChange(shiftStage(drafts, d.key, -1))} />
              <Button size="sm" variant="ghost" icon="chevronDown" aria-label={`Move ${label} down`} disabled={i === drafts.length - 1} onClick={() => onChange(shiftStage(drafts, d.key, 1))} />
              <Button size="sm" variant="ghost" icon="trash" aria-label={`Remove ${label}`} title={held > 0 ? `${label} holds ${held} card${held === 1 ? '' : 's'}: move them first` : undefined} disabled={drafts.length === 1} onClick={() => onChange(removeStage(drafts, d.key))} />
              {held > 0 ? <span className={styles.held}>{held === 1 ? '1 card' : `${held} cards`}</span> : null}
            </li>
          );
        })}
      </ol>
      <div>
        <Button size="sm" icon="plus" onClick={() => onChange(addStage(drafts))} disabled={drafts.length >= 30}>
          Add stage
        </Button>
      </div>
    </fieldset>
  );
}
