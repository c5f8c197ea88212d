// The saved template rendered for one contact the caller sees (POST /templates/:id/preview): subject and text as the
// contact would get them. Unsaved edits are not in it: the server renders what is stored.
import type { TemplateDto } from '@tandem/api';
import { useState } from 'react';
import { Card, CardHeader, CardLoading } from '../../../ui/Card.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { ContactPicker, type ContactPickerWords, type LinkedContact } from '../../calendar/components/ContactPicker.tsx';
import { useTemplatePreview } from '../hooks/useTemplates.ts';
import styles from './TemplatePreviewCard.module.css';

const WORDS: ContactPickerWords = { search: 'Preview for a contact', results: 'Contacts to preview for', none: 'No contact you can see matches.', clear: 'Change' };

export function TemplatePreviewCard({ template }: { template: TemplateDto }) {
  const [contact, setContact] = useState<LinkedContact | null>(null);
  const preview = useTemplatePreview(template, contact?.id ?? null);
  return (
    <Card as="section" aria-labelledby="template-preview-title" data-testid="template-preview">
      <CardHeader id="template-preview-title" title="Preview" />
      <div className={styles.picker}>
        <ContactPicker value={contact} onChange={setContact} requires="contact.view" words={WORDS} />
      </div>
      {contact === null ? (
        <p className={styles.note}>Pick a contact to see the saved template with their details filled in.</p>
      ) : preview.isPending ? (
        <CardLoading label="Rendering the preview" />
      ) : preview.isError ? (
        <ErrorNotice error={preview.error} onRetry={() => void preview.refetch()} />
      ) : (
        <div className={styles.rendered} data-testid="template-preview-text">
          {preview.data.subject ? (
            <p className={styles.subject} data-testid="preview-subject">
              {preview.data.subject}
            </p>
          ) : null}
          <p className={styles.body} data-testid="preview-body">
            {preview.data.text}
          </p>
        </div>
      )}
    </Card>
  );
}
