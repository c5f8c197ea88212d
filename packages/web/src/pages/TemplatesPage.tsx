// Templates (spec §6.6): message templates with merge fields, private to their owner until shared ("Can use" or
// "Can change"). The list of the ones the caller sees on the left; the chosen one (`?t=<id>`, or `?t=new`) on the
// right with why the caller has it, the editor, a preview for a contact and, for the owner or an admin, its shares.
import type { TemplateDto } from '@tandem/api';
import { useSearchParams } from 'react-router-dom';
import { isStatus } from '../api/errors.ts';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { AccessSourcesLine, HandSharedAccessBadge, HandSharedSharesCard } from '../features/hand-shared/index.ts';
import { TemplateEditor } from '../features/templates/components/TemplateEditor.tsx';
import { TemplateList } from '../features/templates/components/TemplateList.tsx';
import { TemplatePreviewCard } from '../features/templates/components/TemplatePreviewCard.tsx';
import { useTemplate, useTemplates } from '../features/templates/hooks/useTemplates.ts';
import { Button } from '../ui/Button.tsx';
import { CardLoading } from '../ui/Card.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Page, PageHeader } from '../ui/Page.tsx';
import { PageSpinner } from '../ui/Spinner.tsx';
import styles from './TemplatesPage.module.css';

export function TemplatesPage() {
  const templates = useTemplates();
  const { user } = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('t');
  const open = (id: string | null) => setParams(id ? { t: id } : {});
  const newButton = (
    <Button variant="primary" icon="plus" onClick={() => open('new')}>
      New template
    </Button>
  );

  return (
    <Page>
      <PageHeader title="Templates" subtitle="Message templates with merge fields, private until you share them. Use them from a contact’s composer." actions={newButton} />
      {templates.isPending ? (
        <PageSpinner label="Loading templates" />
      ) : templates.isError ? (
        <ErrorNotice error={templates.error} onRetry={() => void templates.refetch()} />
      ) : templates.data.length === 0 && chosen !== 'new' ? (
        <EmptyState icon="mail" title="No templates yet" action={newButton}>
          <p>Write a message once, with fields such as the contact’s first name filled in for each contact, and share it with colleagues or a team.</p>
        </EmptyState>
      ) : (
        <div className={styles.layout}>
          {templates.data.length > 0 ? <TemplateList templates={templates.data} selectedId={chosen} meId={user.id} onSelect={open} /> : <div />}
          <div className={styles.detail}>
            {chosen === 'new' ? (
              <TemplateEditor key="new" template={null} onSaved={(t) => open(t.id)} onDeleted={() => open(null)} onCancel={() => open(null)} />
            ) : chosen ? (
              <ChosenTemplate id={chosen} onClose={() => open(null)} />
            ) : (
              <p className={styles.hint}>Pick a template to read, use or change it.</p>
            )}
          </div>
        </div>
      )}
    </Page>
  );
}

function ChosenTemplate({ id, onClose }: { id: string; onClose: () => void }) {
  const template = useTemplate(id);
  if (template.isPending) return <CardLoading label="Loading the template" />;
  if (template.isError) {
    return isStatus(template.error, 404) ? (
      <EmptyState icon="lock" title="This template is not available" action={<Button onClick={onClose}>Back to the list</Button>}>
        <p>It may have been deleted, or it is no longer shared with you.</p>
      </EmptyState>
    ) : (
      <ErrorNotice error={template.error} onRetry={() => void template.refetch()} />
    );
  }
  return <TemplateDetail key={`${template.data.id}:${template.data.updatedAt}`} template={template.data} onClose={onClose} />;
}

function TemplateDetail({ template, onClose }: { template: TemplateDto; onClose: () => void }) {
  return (
    <>
      <header className={styles.header}>
        <h2 className={styles.title}>{template.name}</h2>
        <HandSharedAccessBadge access={template.access} />
      </header>
      <AccessSourcesLine access={template.access} />
      <TemplateEditor template={template} onSaved={() => undefined} onDeleted={onClose} />
      <TemplatePreviewCard template={template} />
      <HandSharedSharesCard resource="template" id={template.id} access={template.access} name={template.name} ownerId={template.ownerId} />
    </>
  );
}
