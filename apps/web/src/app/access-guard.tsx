import { useEffect, type ReactNode } from 'react';
import type { MeResponse } from '@salle/contracts';
import { Loading } from '../components/loading';
import { ProblemAlert } from '../components/problem-alert';
import type { RouteAccess } from './routes';
import { navigate, useLocation } from './router';
import { hasRole, loginPath, useSession } from './session';
import { Alert } from '../ui';

export function allows(access: RouteAccess, me: MeResponse | null): boolean {
  switch (access) {
    case 'public':
      return true;
    case 'account':
      return me !== null;
    case 'member':
      return me?.account.provider === 'franceconnect' || hasRole(me, 'organisation_member');
    case 'manager':
      return hasRole(me, 'establishment_manager') || hasRole(me, 'department_admin');
    case 'admin':
      return hasRole(me, 'department_admin');
  }
}

const REFUSALS: Record<Exclude<RouteAccess, 'public' | 'account'>, string> = {
  member: 'Cette page est réservée aux membres d’associations et d’organisations, connectés avec FranceConnect.',
  manager: 'Cette page est réservée aux gestionnaires des collèges, connectés avec ProConnect.',
  admin: 'Cette page est réservée aux agents du département, connectés avec ProConnect.',
};

/** Sends a visitor to the login page (and back), tells a logged-in person without the role why they cannot see the page. */
export function AccessGuard({ access, children }: { access: RouteAccess; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const needsLogin = access !== 'public' && session.status === 'ready' && session.me === null;

  useEffect(() => {
    if (needsLogin) navigate(loginPath(location.href), { replace: true });
  }, [needsLogin, location.href]);

  if (access === 'public') return <>{children}</>;
  if (session.status === 'loading' || needsLogin) return <Loading label="Vérification de votre connexion…" />;
  if (session.status === 'error') return <ProblemAlert error={session.error} />;
  if (!allows(access, session.me)) {
    return (
      <Alert
        severity="warning"
        title="Accès réservé"
        description={access === 'account' ? 'Connectez-vous pour voir cette page.' : REFUSALS[access]}
      />
    );
  }
  return <>{children}</>;
}
