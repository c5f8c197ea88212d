// Settings › Unmatched replies (admins): clients' replies that reached no contact. Nobody else sees them (the server
// answers members 404), since they are in no contact's history.
import { UnmatchedRepliesList } from '../features/inbound/components/UnmatchedRepliesList.tsx';
import { SectionHeader } from '../ui/Page.tsx';

export function UnmatchedRepliesPage() {
  return (
    <section aria-labelledby="unmatched-title">
      <SectionHeader
        id="unmatched-title"
        title="Unmatched replies"
        description="Replies whose line belongs to nobody here, whose sender is none of the owner’s contacts, or whose contact is in the trash. Add the sender as a contact (or restore it) so the next reply lands in its history."
      />
      <UnmatchedRepliesList />
    </section>
  );
}
