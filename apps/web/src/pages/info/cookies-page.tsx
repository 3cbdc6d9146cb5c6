import {
  BROWSER_STORAGE_REGISTER,
  COOKIE_REGISTER,
  type DeclaredBrowserStorage,
  type DeclaredCookie,
} from '@salle/contracts/privacy';
import { ResponsiveTable } from '../../ui';

const COLUMNS = [
  { header: 'Nom', cell: (cookie: DeclaredCookie) => <code>{cookie.name}</code> },
  { header: 'À quoi il sert', cell: (cookie: DeclaredCookie) => cookie.purpose },
  { header: 'Durée', cell: (cookie: DeclaredCookie) => cookie.lifetime },
];

const STORAGE_LABELS: Record<DeclaredBrowserStorage['storage'], string> = {
  sessionStorage: 'Stockage de session de l’onglet',
  localStorage: 'Stockage local du navigateur',
};

const STORAGE_COLUMNS = [
  { header: 'Nom', cell: (item: DeclaredBrowserStorage) => <code>{item.key}</code> },
  { header: 'Où', cell: (item: DeclaredBrowserStorage) => STORAGE_LABELS[item.storage] },
  { header: 'À quoi il sert', cell: (item: DeclaredBrowserStorage) => item.purpose },
  { header: 'Durée', cell: (item: DeclaredBrowserStorage) => item.lifetime },
];

/**
 * « Cookies »: every cookie the product sets (COOKIE_REGISTER, which the gateway's tests hold to what it sets), and
 * every key the web app keeps in the browser's storage (BROWSER_STORAGE_REGISTER, held to the web's sources).
 */
export function CookiesPage() {
  return (
    <>
      <h1>Cookies</h1>
      <p>
        Ce service ne dépose que les cookies nécessaires à son fonctionnement, listés ci-dessous. Il n’utilise aucun
        cookie de mesure d’audience, de publicité ou de réseau social&nbsp;: aucun consentement n’est donc demandé.
      </p>
      <p>
        Sur le site en ligne (https), leur nom commence par <code>__Host-</code>&nbsp;: aucun autre site ne peut alors
        les remplacer.
      </p>
      <ResponsiveTable
        caption="Les cookies déposés par le service"
        rows={COOKIE_REGISTER}
        rowKey={(cookie) => cookie.name}
        columns={COLUMNS}
      />
      <p>
        Le service garde aussi dans votre navigateur, pour la même raison et sans consentement, les données
        suivantes&nbsp;:
      </p>
      <ResponsiveTable
        caption="Les données gardées dans le navigateur"
        rows={BROWSER_STORAGE_REGISTER}
        rowKey={(item) => item.key}
        columns={STORAGE_COLUMNS}
      />
    </>
  );
}
