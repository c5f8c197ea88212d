import { createContext, useContext } from 'react';
import type { Me } from '../../../api/models.ts';

export const CurrentUserContext = createContext<Me | null>(null);

/** The signed-in user and org; only inside the signed-in part of the app. */
export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser outside the signed-in app');
  return me;
}

export function useIsAdmin(): boolean {
  return useCurrentUser().user.role === 'admin';
}
