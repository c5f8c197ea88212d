// Asks before unsaved changes are dropped (issue 10, defect 8): leaving the page inside the app (a link, Back) shows
// a "Leave without saving?" dialog, and closing or reloading the tab gets the browser's own warning. Render one per
// page, with `when` true while something is changed and not saved.
import { useEffect } from 'react';
import { useBlocker } from 'react-router-dom';
import { ConfirmDialog } from './ConfirmDialog.tsx';

export function UnsavedChanges({ when, what = 'your changes' }: { when: boolean; what?: string }) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => when && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!when) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [when]);
  useEffect(() => {
    // Saved meanwhile (or discarded): let a waiting navigation go.
    if (!when && blocker.state === 'blocked') blocker.proceed();
  }, [when, blocker]);
  return (
    <ConfirmDialog
      open={blocker.state === 'blocked'}
      title="Leave without saving?"
      confirmLabel="Leave without saving"
      danger
      onClose={() => blocker.reset?.()}
      onConfirm={() => blocker.proceed?.()}
    >
      <p>You have not saved {what}. If you leave now, they are lost.</p>
    </ConfirmDialog>
  );
}
