// Which calendars the caller has switched off, remembered per user in this browser (a preference, not data).
import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';

const keyOf = (userId: string) => `tandem.calendar.hidden.${userId}`;

function read(userId: string): Set<string> {
  try {
    const raw = localStorage.getItem(keyOf(userId));
    const ids: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

export function useHiddenCalendars(userId: string): [Set<string>, Dispatch<SetStateAction<Set<string>>>] {
  const [hidden, setHidden] = useState(() => read(userId));
  useEffect(() => {
    try {
      localStorage.setItem(keyOf(userId), JSON.stringify([...hidden]));
    } catch {
      // Private windows may refuse storage: the choice then lasts until the page is left.
    }
  }, [userId, hidden]);
  return [hidden, setHidden];
}
