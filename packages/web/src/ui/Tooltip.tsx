import { useId, type ReactNode } from 'react';

/** A hover/focus tooltip; the trigger is described by the tip for screen readers. */
export function Tooltip({ tip, children, side = 'top', focusable = false }: { tip: string; children: ReactNode; side?: 'top' | 'bottom'; focusable?: boolean }) {
  const id = useId();
  return (
    <span className={`tooltip-anchor tooltip-${side}`} tabIndex={focusable ? 0 : undefined} aria-describedby={id}>
      {children}
      <span role="tooltip" id={id} className="tooltip">
        {tip}
      </span>
    </span>
  );
}
