/** One cookie the product sets, as the cookie page lists it. */
export interface DeclaredCookie {
  /** Its name over plain http; over https browsers get it with the `__Host-` prefix. */
  name: string;
  purpose: string;
  lifetime: string;
}

/**
 * Every cookie the product sets, all strictly necessary to the service (no audience measurement, no
 * advertising), so that no consent is asked (CNIL, délibération n° 2020-091). The gateway's tests fail when a
 * response sets a cookie missing here.
 */
export const COOKIE_REGISTER: readonly DeclaredCookie[] = [
  {
    name: 'salle_session',
    purpose: 'Vous garder connecté après votre connexion par FranceConnect ou ProConnect.',
    lifetime:
      'Jusqu’à la fermeture du navigateur ou la déconnexion (la session prend fin au plus tard 12 heures après la connexion).',
  },
  {
    name: 'salle_login',
    purpose: 'Relier le retour de FranceConnect ou ProConnect au navigateur qui a commencé la connexion (sécurité).',
    lifetime: '10 minutes, ou jusqu’à la fin de la connexion.',
  },
];

/** The name a cookie is declared under: without the `__Host-` prefix https adds. */
export function declaredCookieName(name: string): string {
  return name.startsWith('__Host-') ? name.slice('__Host-'.length) : name;
}

/** One key the web app keeps in the browser's storage, as the cookie page lists it. */
export interface DeclaredBrowserStorage {
  key: string;
  storage: 'sessionStorage' | 'localStorage';
  purpose: string;
  lifetime: string;
}

/**
 * Every key the web app writes to the browser's storage (the ePrivacy rule on cookies covers them alike), all
 * strictly necessary: no consent is asked. `apps/web/src/pages/info/browser-storage.spec.ts` fails when the web
 * app writes a key missing here.
 */
export const BROWSER_STORAGE_REGISTER: readonly DeclaredBrowserStorage[] = [
  {
    key: 'salle:invitation',
    storage: 'sessionStorage',
    purpose:
      'Garder le lien d’invitation à rejoindre une organisation pendant votre connexion par FranceConnect ou ProConnect, pour l’accepter au retour.',
    lifetime: 'Jusqu’à ce que l’invitation soit acceptée ou ne soit plus valable, ou à la fermeture de l’onglet.',
  },
];
