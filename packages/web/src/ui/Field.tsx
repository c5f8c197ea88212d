// Form building blocks: a labelled Field (wires ids for screen readers), the controls (Input, TextArea, Select,
// Checkbox, Radio), groups (FieldGroup as a fieldset) and the layout (Form, FormRow, FormActions).
import { cloneElement, isValidElement, useId, type ComponentPropsWithRef, type ReactElement, type ReactNode } from 'react';
import { cx } from '../lib/cx.ts';
import styles from './Field.module.css';

type Controllable = { id?: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean };

/** A labelled form control with an optional hint and error. */
export function Field({ label, hint, error, children, optional }: { label: string; hint?: ReactNode; error?: string | null; children: ReactElement<Controllable>; optional?: boolean }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const control = isValidElement(children)
    ? cloneElement(children, { id, 'aria-describedby': hint || error ? hintId : undefined, 'aria-invalid': error ? true : undefined })
    : children;
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {label}
        {optional ? <span className={styles.optional}>optional</span> : null}
      </label>
      {control}
      {error ? (
        <p id={hintId} className={styles.error}>
          {error}
        </p>
      ) : hint ? (
        <p id={hintId} className={styles.hint}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** Several controls under one caption (a <fieldset> with its <legend>). */
export function FieldGroup({ label, error, children, className }: { label: string; error?: string | null; children: ReactNode; className?: string }) {
  return (
    <fieldset className={cx(styles.field, className)}>
      <legend className={styles.label}>{label}</legend>
      {children}
      {error ? <p className={styles.error}>{error}</p> : null}
    </fieldset>
  );
}

/** A validation message that belongs to no single Field. */
export function FieldError({ children }: { children: ReactNode }) {
  return <p className={styles.error}>{children}</p>;
}

type Sizing = { compact?: boolean; inline?: boolean };
const inputClass = ({ compact, inline }: Sizing, className?: string) => cx(styles.input, compact && styles.compact, inline && styles.inline, className);

export function Input({ compact, inline, className, ...rest }: ComponentPropsWithRef<'input'> & Sizing) {
  return <input className={inputClass({ compact, inline }, className)} {...rest} />;
}

export function TextArea({ className, ...rest }: ComponentPropsWithRef<'textarea'>) {
  return <textarea className={cx(styles.input, styles.textarea, className)} {...rest} />;
}

export function Select({ compact, inline, className, ...rest }: ComponentPropsWithRef<'select'> & Sizing) {
  return <select className={inputClass({ compact, inline }, className)} {...rest} />;
}

/** A checkbox or radio button with its label text after it. */
function Choice({ type, children, className, ...rest }: ComponentPropsWithRef<'input'> & { type: 'checkbox' | 'radio'; children: ReactNode }) {
  return (
    <label className={cx(styles.choice, className)}>
      <input type={type} {...rest} />
      {children}
    </label>
  );
}
export function Checkbox(props: Omit<ComponentPropsWithRef<'input'>, 'type'> & { children: ReactNode }) {
  return <Choice type="checkbox" {...props} />;
}
export function Radio(props: Omit<ComponentPropsWithRef<'input'>, 'type'> & { children: ReactNode }) {
  return <Choice type="radio" {...props} />;
}

export function Form({ className, ...rest }: ComponentPropsWithRef<'form'>) {
  return <form className={cx(styles.form, className)} {...rest} />;
}
export function FormRow({ children }: { children: ReactNode }) {
  return <div className={styles.row}>{children}</div>;
}
export function FormActions({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cx(styles.actions, className)}>{children}</div>;
}
