// Back to a page puts it where it was scrolled (issue 10, defect 11: Back from a contact lost the list's place). The
// page scrolls in <main> on a wide screen and as the document up to 900px (AppShell), so both are remembered per
// history entry, as they change. On Back or Forward (a POP) the position comes back once the page is tall enough
// again (the list renders from TanStack's cache, but a row or two may arrive a moment later); a new page (a PUSH to
// another path) starts at the top.
import { useEffect, useLayoutEffect } from 'react';
import { useLocation, useNavigationType } from 'react-router-dom';

type Position = { main: number; doc: number };
const positions = new Map<string, Position>();
/** The history entry on screen. */
let current = '';
const RESTORE_FOR_MS = 1500;

function scrollers(): { main: HTMLElement | null; doc: Element | null } {
  return { main: document.getElementById('main'), doc: document.scrollingElement };
}

export function useScrollMemory(): void {
  const { key } = useLocation();
  const navigation = useNavigationType();

  // Remember the position of the entry on screen as it scrolls (saving at the moment of leaving would read the next
  // page). The entry is the one the last layout effect set, so the reset to the top of a new page is never saved
  // under the page left.
  useEffect(() => {
    const { main, doc } = scrollers();
    const save = () => positions.set(current, { main: main?.scrollTop ?? 0, doc: doc?.scrollTop ?? 0 });
    main?.addEventListener('scroll', save, { passive: true });
    window.addEventListener('scroll', save, { passive: true });
    return () => {
      main?.removeEventListener('scroll', save);
      window.removeEventListener('scroll', save);
    };
  }, []);

  useLayoutEffect(() => {
    current = key;
    const { main, doc } = scrollers();
    const saved = positions.get(key);
    if (navigation !== 'POP' || !saved) {
      if (navigation === 'PUSH') {
        if (main) main.scrollTop = 0;
        if (doc) doc.scrollTop = 0;
      }
      return;
    }
    const started = performance.now();
    let frame = 0;
    const restore = () => {
      if (main) main.scrollTop = saved.main;
      if (doc) doc.scrollTop = saved.doc;
      const reached = (!main || Math.abs(main.scrollTop - saved.main) < 2) && (!doc || Math.abs(doc.scrollTop - saved.doc) < 2);
      if (!reached && performance.now() - started < RESTORE_FOR_MS) frame = requestAnimationFrame(restore);
    };
    restore();
    // The person scrolls meanwhile: leave it to them.
    const stop = () => cancelAnimationFrame(frame);
    window.addEventListener('wheel', stop, { passive: true, once: true });
    window.addEventListener('touchstart', stop, { passive: true, once: true });
    return () => {
      stop();
      window.removeEventListener('wheel', stop);
      window.removeEventListener('touchstart', stop);
    };
  }, [key, navigation]);
}
