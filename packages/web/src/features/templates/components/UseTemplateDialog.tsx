// "Use a template" in the composer: the templates the caller sees; picking one renders it for this contact
// (POST /templates/:id/preview) and hands subject and text to the composer to edit before sending. Rendering is a
// read, not a change, so it is a plain call rather than a mutation (D24 covers changes).
import type { TemplateDto, TemplatePreviewDto } from '@tandem/api';
import { useState } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { CardLoading } from '../../../ui/Card.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Spinner } from '../../../ui/Spinner.tsx';
import { HandSharedAccessBadge } from '../../hand-shared/index.ts';
import { fetchPreview, useTemplates } from '../hooks/useTemplates.ts';
import styles from './UseTemplateDialog.module.css';

export type UsedTemplate = { templateId: string; name: string } & TemplatePreviewDto;

export function UseTemplateDialog({ contactId, contactName, onUse, onClose }: {
  contactId: string;
  contactName: string;
  onUse: (used: UsedTemplate) => void;
  onClose: () => void;
}) {
  const templates = useTemplates();
  const [rendering, setRendering] = useState<string | null>(null);
  const [failed, setFailed] = useState<unknown>(null);

  const use = async (t: TemplateDto) => {
    if (rendering) return;
    setRendering(t.id);
    setFailed(null);
    try {
      const rendered = await fetchPreview(t.id, contactId);
      onUse({ templateId: t.id, name: t.name, ...rendered });
    } catch (error) {
      setFailed(error);
    } finally {
      setRendering(null);
    }
  };

  return (
    <Dialog open onClose={onClose} title="Use a template" description={`Filled in for ${contactName}; you can still change the text before sending.`} size="md" testId="use-template-dialog">
      {failed ? <ErrorNotice error={failed} /> : null}
      {templates.isPending ? (
        <CardLoading label="Loading templates" />
      ) : templates.isError ? (
        <ErrorNotice error={templates.error} onRetry={() => void templates.refetch()} />
      ) : templates.data.length === 0 ? (
        <EmptyState icon="mail" title="No templates you can use">
          <p>Write one on the Templates page, or ask a colleague to share theirs with you.</p>
        </EmptyState>
      ) : (
        <ul className={styles.list} aria-label="Templates you can use">
          {templates.data.map((t) => (
            <li key={t.id}>
              <button type="button" className={styles.option} disabled={rendering !== null} onClick={() => void use(t)}>
                <span className={styles.text}>
                  <span className={styles.name}>{t.name}</span>
                  <span className={styles.snippet}>{t.subject || t.body}</span>
                </span>
                {rendering === t.id ? <Spinner size={14} label={`Filling in ${t.name}`} /> : <HandSharedAccessBadge access={t.access} />}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className={styles.footer}>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </Dialog>
  );
}
