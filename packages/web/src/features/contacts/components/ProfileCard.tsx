import type { ReactNode } from 'react';
import type { Contact } from '../../../api/models.ts';
import { formatDate } from '../../../lib/format.ts';
import { Card, CardHeader } from '../../../ui/Card.tsx';
import { Icon, type IconName } from '../../../ui/Icon.tsx';
import styles from './ProfileCard.module.css';

function Row({ icon, label, children }: { icon: IconName; label: string; children: ReactNode }) {
  return (
    <div className={styles.row}>
      <dt>
        <Icon name={icon} size={14} />
        <span>{label}</span>
      </dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ProfileCard({ contact }: { contact: Contact }) {
  return (
    <Card as="section" aria-labelledby="profile-title" data-testid="profile-card">
      <CardHeader id="profile-title" title="Profile" />
      <dl className={styles.profile}>
        <Row icon="mail" label="E-mail">
          {contact.emails.length ? contact.emails.map((e) => <a key={e} href={`mailto:${e}`}>{e}</a>) : <span className="muted">None</span>}
        </Row>
        <Row icon="phone" label="Phone">
          {contact.phones.length ? contact.phones.map((p) => <span key={p}>{p}</span>) : <span className="muted">None</span>}
        </Row>
        <Row icon="briefcase" label="Company">
          {contact.company ? <span>{contact.company}</span> : <span className="muted">None</span>}
          {contact.title ? <span className="muted">{contact.title}</span> : null}
        </Row>
        <Row icon="pin" label="Address">
          {contact.address ? <span className="pre-line">{contact.address}</span> : <span className="muted">None</span>}
        </Row>
        <Row icon="tag" label="Tags">
          {contact.tags.length ? (
            <span className={styles.tags}>
              {contact.tags.map((t) => (
                <span key={t} className={styles.tag}>
                  {t}
                </span>
              ))}
            </span>
          ) : (
            <span className="muted">None</span>
          )}
        </Row>
        <Row icon="user" label="Owner">
          <span>{contact.ownerName}</span>
        </Row>
        <Row icon="clock" label="Added">
          <span>{formatDate(contact.createdAt)}</span>
        </Row>
      </dl>
    </Card>
  );
}
