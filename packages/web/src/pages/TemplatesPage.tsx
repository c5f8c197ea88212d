// Templates (spec §6.6): being built in this session; see features/ for its parts.
import { Page, PageHeader } from '../ui/Page.tsx';

export function TemplatesPage() {
  return (
    <Page>
      <PageHeader title="Templates" subtitle="Message templates with merge fields, private until you share them." />
    </Page>
  );
}
