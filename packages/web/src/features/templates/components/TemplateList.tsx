// The templates the caller sees (owned, shared with them; admins: all): name, owner and the caller's access. The
// chosen one is open in the editor beside the list (below it on a phone).
import type { TemplateDto } from '@tandem/api';
import { cx } from '../../../lib/cx.ts';
import { Icon } from '../../../ui/Icon.tsx';
import { HandSharedAccessBadge } from '../../hand-shared/index.ts';
import styles from './TemplateList.module.css';

export function TemplateList({ templates, selectedId, meId, onSelect }: {
  templates: TemplateDto[];
  selectedId: string | null;
  meId: string;
  onSelect: (id: string) => void;
}) {
  return (
    <ul className={styles.rows} aria-label="Templates">
      {templates.map((t) => (
        <li key={t.id} data-testid="template-row">
          <button type="button" className={cx(styles.row, t.id === selectedId && styles.selected)} aria-current={t.id === selectedId ? 'true' : undefined} onClick={() => onSelect(t.id)}>
            <span className={styles.icon}>
              <Icon name="mail" size={14} />
            </span>
            <span className={styles.text}>
              <span className={styles.name} data-testid="template-name">
                {t.name}
              </span>
              <span className={styles.owner}>{t.ownerId === meId ? 'Yours' : `Owned by ${t.ownerName}`}</span>
            </span>
            <HandSharedAccessBadge access={t.access} />
          </button>
        </li>
      ))}
    </ul>
  );
}
