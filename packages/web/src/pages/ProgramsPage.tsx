// Programs (spec §6.6): being built in this session; see features/ for its parts.
import { Page, PageHeader } from '../ui/Page.tsx';

export function ProgramsPage() {
  return (
    <Page>
      <PageHeader title="Programs" subtitle="Drip sequences of templated messages." />
    </Page>
  );
}
