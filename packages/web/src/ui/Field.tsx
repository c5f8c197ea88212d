import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';

type Controllable = { id?: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean };

/** A labelled form control with an optional hint and error; wires ids for screen readers. */
export function Field({ label, hint, error, children, optional }: { label: string; hint?: ReactNode; error?: string | null; children: ReactElement<Controllable>; optional?: boolean }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const control = isValidElement(children)
    ? cloneElement(children, { id, 'aria-describedby': hint || error ? hintId : undefined, 'aria-invalid': error ? true : undefined })
    : children;
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
        {optional ? <span className="field-optional">optional</span> : null}
      </label>
      {control}
      {error ? (
        <p id={hintId} className="field-error">
          {error}
        </p>
      ) : hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
