import { Link } from 'react-router-dom';
import type { Contact } from '../../../api/models.ts';
import { cx } from '../../../lib/cx.ts';
import { Avatar } from '../../../ui/Avatar.tsx';
import styles from './ContactRow.module.css';
import { LevelBadge } from './LevelBadge.tsx';
import { SharedIcon } from './SharedIcon.tsx';

export function ContactRow({ contact, isMine }: { contact: Contact; isMine: boolean }) {
  const subtitle = [contact.title, contact.company].filter(Boolean).join(' · ');
  return (
    <li className={styles.row} data-testid="contact-row" data-contact-id={contact.id}>
      <Link to={`/contacts/${contact.id}`} className={styles.link} data-row-link>
        <span className={cx(styles.cell, styles.nameCell)}>
          <Avatar name={contact.name} size={32} />
          <span className={styles.nameText}>
            <span className={styles.name}>
              <span className={styles.nameLabel} data-testid="contact-name">
                {contact.name}
              </span>
              {contact.access.sharedWithYou ? <SharedIcon ownerName={contact.ownerName} /> : null}
            </span>
            <span className={styles.sub}>{subtitle || '\u00a0'}</span>
          </span>
        </span>
        <span className={cx(styles.cell, styles.email)}>{contact.emails[0] ?? <span className="muted">—</span>}</span>
        <span className={cx(styles.cell, styles.phone)}>{contact.phones[0] ?? <span className="muted">—</span>}</span>
        <span className={cx(styles.cell, styles.owner)}>{isMine ? <span className="muted">You</span> : contact.ownerName}</span>
        <span className={cx(styles.cell, styles.access)}>{contact.access.shared ? <LevelBadge level={contact.access.level} /> : null}</span>
      </Link>
    </li>
  );
}
