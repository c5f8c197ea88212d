// A program's ordered steps. Editable (the caller holds `edit`, or is writing a new program): each step picks one of
// the templates the caller may use, a delay in whole days after the step before (the first: after enrolment) and a
// channel; steps are added, removed and moved up or down. Read-only: the same steps in words. A step whose template
// the caller cannot see shows it as such (the server refuses to save it: the card asks for another first).
import type { ProgramDto, TemplateDto } from '@tandem/api';
import { cx } from '../../../lib/cx.ts';
import { Button } from '../../../ui/Button.tsx';
import { Input, Select } from '../../../ui/Field.tsx';
import { CHANNEL_LABEL, delayText, type Channel } from '../program-words.ts';
import { addStep, changeStep, MAX_DELAY_DAYS, MAX_STEPS, moveStep, removeStep, type DraftStep } from '../steps.ts';
import styles from './ProgramStepsEditor.module.css';

const HIDDEN_TEMPLATE = 'A template you cannot see';
const HIDDEN_OPTION = 'A template not shared with you (choose another to save)';

export function ProgramStepsEditor({ steps, onChange, templates }: { steps: DraftStep[]; onChange: (next: DraftStep[]) => void; templates: TemplateDto[] }) {
  const known = new Set(templates.map((t) => t.id));
  return (
    <div className={styles.editor}>
      <ol className={styles.steps} aria-label="Steps">
        {steps.map((step, i) => {
          const n = i + 1;
          return (
            <li key={step.key} className={styles.step} data-testid="program-step">
              <span className={styles.number} aria-hidden="true">{n}</span>
              <div className={styles.fields}>
                <label className={cx(styles.field, styles.wide)}>
                  <span className={styles.label}>Template</span>
                  <Select compact value={step.templateId} onChange={(e) => onChange(changeStep(steps, i, { templateId: e.target.value }))} aria-label={`Template of step ${n}`}>
                    <option value="">Choose a template</option>
                    {step.templateId && !known.has(step.templateId) ? <option value={step.templateId}>{HIDDEN_OPTION}</option> : null}
                    {templates.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
                  </Select>
                </label>
                <label className={styles.field}>
                  <span className={styles.label}>{i === 0 ? 'Days after enrolment' : 'Days after the step before'}</span>
                  <Input
                    compact
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={MAX_DELAY_DAYS}
                    step={1}
                    className={styles.delay}
                    value={Number.isNaN(step.delayDays) ? '' : step.delayDays}
                    onChange={(e) => onChange(changeStep(steps, i, { delayDays: e.target.value === '' ? Number.NaN : Number(e.target.value) }))}
                    aria-label={`Delay of step ${n} in days`}
                  />
                </label>
                <label className={styles.field}>
                  <span className={styles.label}>Channel</span>
                  <Select compact value={step.channel} onChange={(e) => onChange(changeStep(steps, i, { channel: e.target.value as Channel }))} aria-label={`Channel of step ${n}`}>
                    <option value="email">{CHANNEL_LABEL.email}</option>
                    <option value="sms">{CHANNEL_LABEL.sms}</option>
                  </Select>
                </label>
              </div>
              <div className={styles.moves}>
                <Button size="sm" variant="ghost" icon="chevronDown" className={styles.up} disabled={i === 0} onClick={() => onChange(moveStep(steps, i, -1))} aria-label={`Move step ${n} up`} />
                <Button size="sm" variant="ghost" icon="chevronDown" disabled={i === steps.length - 1} onClick={() => onChange(moveStep(steps, i, 1))} aria-label={`Move step ${n} down`} />
                <Button size="sm" variant="ghost" icon="trash" disabled={steps.length === 1} onClick={() => onChange(removeStep(steps, i))} aria-label={`Remove step ${n}`} />
              </div>
            </li>
          );
        })}
      </ol>
      <Button size="sm" icon="plus" disabled={steps.length >= MAX_STEPS} onClick={() => onChange(addStep(steps))}>
        Add a step
      </Button>
    </div>
  );
}

/** The steps in words, for whoever may use the program but not change it. */
export function ProgramStepsList({ steps }: { steps: ProgramDto['steps'] }) {
  return (
    <ol className={styles.steps} aria-label="Steps">
      {steps.map((step, i) => (
        <li key={i} className={styles.step} data-testid="program-step">
          <span className={styles.number} aria-hidden="true">{i + 1}</span>
          <div className={styles.readOnly}>
            <span className={styles.templateName}>{step.templateName ?? HIDDEN_TEMPLATE}</span>
            <span className="muted small">
              {CHANNEL_LABEL[step.channel]} · {delayText(step.delayDays, i)}
            </span>
          </div>
        </li>
      ))}
    </ol>
  );
}
