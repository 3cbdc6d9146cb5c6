import type { AccountRole, MeResponse } from '@salle/contracts';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { toApiError, type ApiError } from '../api/api-error';
import { onSessionExpired } from '../api/http';
import { fetchMe } from '../api/session-api';
import { navigate } from './router';

export interface Session {
  status: 'loading' | 'ready' | 'error';
  me: MeResponse | null;
  error: ApiError | null;
  refresh: () => Promise<void>;
}

/** Exported for the screens' tests, which give a screen the session it needs. */
export const SessionContext = createContext<Session>({
  status: 'loading',
  me: null,
  error: null,
  refresh: async () => undefined,
});

export function useSession(): Session {
  return useContext(SessionContext);
}

export function hasRole(me: MeResponse | null, role: AccountRole): boolean {
  return Boolean(me?.roles.includes(role));
}

/** The login page, told where to come back to. */
export function loginPath(returnTo: string, expired = false): string {
  const query = new URLSearchParams({ returnTo });
  if (expired) query.set('session', 'expiree');
  return `/connexion?${query.toString()}`;
}

/**
 * Who is logged in (`/api/me`, a 401 meaning a visitor). When any later call
 * answers 401 the session has expired: the person goes through the login
 * page and comes back to the page they were on.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<Omit<Session, 'refresh'>>({ status: 'loading', me: null, error: null });

  const refresh = useCallback(async () => {
    try {
      setState({ status: 'ready', me: await fetchMe(), error: null });
    } catch (error) {
      setState({ status: 'error', me: null, error: toApiError(error) });
    }
  }, []);

  useEffect(() => {
    void refresh();
    onSessionExpired(() => {
      setState({ status: 'ready', me: null, error: null });
      const here = window.location.pathname + window.location.search;
      if (!window.location.pathname.startsWith('/connexion')) navigate(loginPath(here, true), { replace: true });
    });
  }, [refresh]);

  const value = useMemo(() => ({ ...state, refresh }), [state, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
