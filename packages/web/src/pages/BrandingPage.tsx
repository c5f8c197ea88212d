// Settings › Branding: the organisation's name and accent colour, previewed live and applied to everyone's app.
import { useEffect, useState, type FormEvent } from 'react';
import { applyAccent, DEFAULT_ACCENT, isHexColor } from '../app/useBranding.ts';
import { useUpdateOrg } from '../features/admin/hooks/useAdmin.ts';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Card, cardClass } from '../ui/Card.tsx';
import { Field, FieldGroup, Form, FormActions, Input } from '../ui/Field.tsx';
import { SectionHeader } from '../ui/Page.tsx';
import { Logo } from '../ui/Logo.tsx';
import { useToast } from '../ui/Toast.tsx';
import { cx } from '../lib/cx.ts';
import { AA_TEXT, accentContrast, formatRatio, readableShade } from '../lib/contrast.ts';
import { LIMITS } from '../api/field-errors.ts';
import { Notice } from '../ui/Notice.tsx';
import { UnsavedChanges } from '../ui/UnsavedChanges.tsx';
import styles from './BrandingPage.module.css';

/** Presets that white button text can be read on (4.5:1 or more). */
const SWATCHES = ['#5b5bd6', '#2563eb', '#047857', '#b45309', '#e11d48', '#7c3aed', '#0e7490', '#334155'];

/**
 * An accent colour that white text cannot be read on (every primary button), or whose darker text mix is unreadable
 * on its tint (the active navigation), is named with the measured ratio and a readable shade to use instead
 * (issue 10, defect 9). Saving it anyway stays possible: the organisation decides.
 */
function ContrastWarning({ color, onUse }: { color: string; onUse: (hex: string) => void }) {
  const ratios = accentContrast(color);
  if (!ratios || (ratios.buttonText >= AA_TEXT && ratios.accentText >= AA_TEXT)) return null;
  const shade = readableShade(color);
  const weakest = ratios.buttonText < AA_TEXT ? `White text on ${color.toLowerCase()} measures ${formatRatio(ratios.buttonText)}` : `Accent text on its light tint measures ${formatRatio(ratios.accentText)}`;
  return (
    <Notice
      tone="warning"
      icon="alert"
      role="status"
      testId="contrast-warning"
      title="Hard to read"
      action={shade ? <Button size="sm" onClick={() => onUse(shade)}>Use {shade}</Button> : null}
    >
      <p>
        {weakest}; buttons and links need at least {formatRatio(AA_TEXT)} (WCAG AA). {shade ? `A darker shade, ${shade}, reaches it.` : ''}
      </p>
    </Notice>
  );
}

export function BrandingPage() {
  const { org } = useCurrentUser();
  const saved = isHexColor(org.accentColor) ? org.accentColor : DEFAULT_ACCENT;
  const [name, setName] = useState(org.name);
  const [color, setColor] = useState(saved);
  const update = useUpdateOrg();
  const toast = useToast();

  useEffect(() => {
    applyAccent(isHexColor(color) ? color : saved);
  }, [color, saved]);
  useEffect(() => () => applyAccent(saved), [saved]);

  const dirty = name.trim() !== org.name || color.toLowerCase() !== saved.toLowerCase();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ name: name.trim(), accentColor: color.toLowerCase() }, { onSuccess: () => toast.show('Branding saved for everyone in your organisation') });
  };
  return (
    <section aria-labelledby="brand-title">
      <UnsavedChanges when={dirty && !update.isPending} what="the branding" />
      <SectionHeader id="brand-title" title="Branding" description="Your organisation’s name and colour, shown to everyone who signs in." />
      <div className={styles.layout}>
        <Form className={cardClass('roomy')} onSubmit={submit}>
          {update.error ? <ErrorNotice error={update.error} /> : null}
          <Field label="Organisation name">
            <Input name="orgName" maxLength={LIMITS.orgName} value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <FieldGroup label="Accent colour" error={!isHexColor(color) ? 'Use a colour like #5b5bd6.' : null}>
            <div className={styles.swatches} role="radiogroup" aria-label="Accent colour presets">
              {SWATCHES.map((s) => (
                <button key={s} type="button" role="radio" aria-checked={color.toLowerCase() === s} aria-label={s} className={cx(styles.swatch, color.toLowerCase() === s && styles.selected)} style={{ background: s }} onClick={() => setColor(s)} />
              ))}
              <input type="color" className={styles.picker} aria-label="Pick any colour" value={isHexColor(color) ? color : saved} onChange={(e) => setColor(e.target.value)} />
              <Input inline className={styles.hex} aria-label="Accent colour hex" value={color} onChange={(e) => setColor(e.target.value)} maxLength={7} />
            </div>
          </FieldGroup>
          <ContrastWarning color={color} onUse={setColor} />
          <FormActions>
            <Button
              disabled={!dirty}
              onClick={() => {
                setName(org.name);
                setColor(saved);
              }}
            >
              Discard
            </Button>
            <Button type="submit" variant="primary" disabled={!dirty || !isHexColor(color) || !name.trim()} loading={update.isPending}>
              Save branding
            </Button>
          </FormActions>
        </Form>
        <Card as="section" className={styles.preview} aria-label="Preview">
          <span className="muted small">Preview</span>
          <div className={styles.previewHead}>
            <Logo size={32} />
            <strong>{name || 'Your organisation'}</strong>
          </div>
          <div className={styles.previewNav}>
            <span className={cx(styles.previewItem, styles.previewActive)}>Contacts</span>
            <span className={styles.previewItem}>Settings</span>
          </div>
          <Button variant="primary" icon="plus">
            New contact
          </Button>
        </Card>
      </div>
    </section>
  );
}
