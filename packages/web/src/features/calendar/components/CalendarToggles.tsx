// The calendars the caller may read (GET /calendars: their own first), each a toggle with its colour and the
// caller's level on it, so "View only" says up front that its items cannot be changed.
import type { Calendar } from '../../../api/models.ts';
import { colorStyle, type CalendarColor } from '../calendar-colors.ts';
import styles from './CalendarToggles.module.css';

const LEVEL: Record<Calendar['level'], string> = { owner: 'Yours', edit: 'Can edit', view: 'View only' };

export function CalendarToggles({ calendars, shown, colorOf, onToggle }: {
  calendars: Calendar[];
  shown: Set<string>;
  colorOf: (userId: string) => CalendarColor;
  onToggle: (userId: string, show: boolean) => void;
}) {
  return (
    <fieldset className={styles.toggles} data-testid="calendar-toggles">
      <legend className={styles.legend}>Calendars</legend>
      {calendars.map((c) => (
        <label key={c.userId} className={styles.toggle} style={colorStyle(colorOf(c.userId))}>
          <input type="checkbox" className={styles.box} checked={shown.has(c.userId)} onChange={(e) => onToggle(c.userId, e.target.checked)} />
          <span className={styles.name}>{c.level === 'owner' ? `${c.name} (you)` : c.name}</span>
          <span className={styles.level}>{c.active ? LEVEL[c.level] : 'Deactivated'}</span>
        </label>
      ))}
    </fieldset>
  );
}
