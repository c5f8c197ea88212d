// Buttons that put a merge field ({{contact.firstName}}, ...) where the cursor was in the subject or the body.
// mousedown is prevented so the field keeps its focus and selection while a button is pressed.
import { MERGE_FIELD_CHOICES } from '../merge-fields.ts';
import styles from './TemplateEditor.module.css';

export function MergeFieldPicker({ onInsert, disabled = false }: { onInsert: (token: string) => void; disabled?: boolean }) {
  return (
    <div className={styles.fields} role="group" aria-label="Insert a merge field">
      <span className={styles.fieldsLabel}>Insert</span>
      {MERGE_FIELD_CHOICES.map((c) => (
        <button
          key={c.field}
          type="button"
          className={styles.fieldButton}
          disabled={disabled}
          title={`Inserts ${c.token}`}
          aria-label={`Insert ${c.label}`}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onInsert(c.token)}
        >
          {c.label}
        </button>
      ))}
    </div>
  );
}
