// One user's settings, in sections: administrator or not and active or not (each confirmed, with Undo), signing in
// (an administrator sets a password or e-mails a link), their SMS line, export channels, their access to every colleague's contacts
// and calendar, who else may use their own contacts and calendar (users and teams, with a window), and handing over
// their whole book.
import type { User } from '../../../api/models.ts';
import { Dialog } from '../../../ui/Dialog.tsx';
import { SmsLineSection } from '../../inbound/components/SmsLineSection.tsx';
import { AccessToColleagues } from './AccessToColleagues.tsx';
import { ExportChannels } from './ExportChannels.tsx';
import { HandOver } from './HandOver.tsx';
import { OwnerGrants } from './OwnerGrants.tsx';
import { PasswordActions } from './PasswordActions.tsx';
import { RoleAndStatus } from './RoleAndStatus.tsx';

export function UserDetailDialog({ user, users, onClose }: { user: User; users: User[]; onClose: () => void }) {
  return (
    <Dialog open onClose={onClose} title={user.name} description={user.email} size="lg" testId="user-dialog">
      <RoleAndStatus user={user} />
      <PasswordActions user={user} />
      <SmsLineSection key={`sms-${user.id}`} user={user} />
      <ExportChannels key={user.id} user={user} />
      <AccessToColleagues user={user} users={users} />
      <OwnerGrants owner={user} users={users} />
      <HandOver user={user} users={users} />
    </Dialog>
  );
}
