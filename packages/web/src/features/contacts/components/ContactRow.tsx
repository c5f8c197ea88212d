import { Link } from 'react-router-dom';
import type { Contact } from '../../../api/models.ts';
import { Avatar } from '../../../ui/Avatar.tsx';
import { LevelBadge } from './LevelBadge.tsx';
import { SharedIcon } from './SharedIcon.tsx';

export function ContactRow({ contact, isMine }: { contact: Contact; isMine: boolean }) {
  const subtitle = [contact.title, contact.company].filter(Boolean).join(' · ');
  return (
    <li className="contact-row" data-testid="contact-row" data-contact-id={contact.id}>
      <Link to={`/contacts/${contact.id}`} className="contact-row-link">
        <span className="cell cell-name">
          <Avatar name={contact.name} size={32} />
          <span className="cell-name-text">
            <span className="contact-name">
              <span className="contact-name-label">{contact.name}</span>
              {contact.access.shared ? <SharedIcon ownerName={contact.ownerName} /> : null}
            </span>
            <span className="contact-sub">{subtitle || '\u00a0'}</span>
          </span>
        </span>
        <span className="cell cell-email">{contact.emails[0] ?? <span className="muted">—</span>}</span>
        <span className="cell cell-phone">{contact.phones[0] ?? <span className="muted">—</span>}</span>
        <span className="cell cell-owner">{isMine ? <span className="muted">You</span> : contact.ownerName}</span>
        <span className="cell cell-access">{contact.access.shared ? <LevelBadge level={contact.access.level} /> : null}</span>
      </Link>
    </li>
  );
}
