// Pipelines (spec §6.6): being built in this session; see features/ for its parts.
import { Page, PageHeader } from '../ui/Page.tsx';

export function PipelinesPage() {
  return (
    <Page>
      <PageHeader title="Pipelines" subtitle="Deals on boards, each card linked to a contact." />
    </Page>
  );
}
