import { COOKIE_REGISTER, type DeclaredCookie } from '@salle/contracts/privacy';
import { ResponsiveTable } from '../../ui';

const COLUMNS = [
  { header: 'Nom', cell: (cookie: DeclaredCookie) => <code>{cookie.name}</code> },
  { header: 'À quoi il sert', cell: (cookie: DeclaredCookie) => cookie.purpose },
  { header: 'Durée', cell: (cookie: DeclaredCookie) => cookie.lifetime },
];

/** « Cookies »: every cookie the product sets (COOKIE_REGISTER, which the gateway's tests hold to what it sets). */
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
    </>
  );
}
