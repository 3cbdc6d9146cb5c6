import { hasRole, useSession } from '../../app/session';
import { Link } from '../../app/router';
import { ROLE_LABELS } from '../../lib/labels';
import { formatDateTime } from '../../lib/paris-time';
import { NotificationSettings } from './notification-settings';
import { ErasureRequest } from './erasure-request';

export function AccountPage() {
  const { me } = useSession();
  if (!me) return null;
  const provider = me.account.provider === 'franceconnect' ? 'FranceConnect' : 'ProConnect';
  return (
    <>
      <h1>Mon compte</h1>
      <dl>
        <dt className="salle-text--bold">Nom</dt>
        <dd>{me.account.displayName}</dd>
        {me.account.email && (
          <>
            <dt className="salle-text--bold">Adresse électronique</dt>
            <dd>{me.account.email}</dd>
          </>
        )}
        <dt className="salle-text--bold">Connecté avec</dt>
        <dd>{provider}</dd>
        {me.account.organisationLabel && (
          <>
            <dt className="salle-text--bold">Administration</dt>
            <dd>{me.account.organisationLabel}</dd>
          </>
        )}
        <dt className="salle-text--bold">Rôles</dt>
        <dd>{me.roles.length ? me.roles.map((role) => ROLE_LABELS[role]).join(', ') : 'Aucun pour l’instant'}</dd>
        <dt className="salle-text--bold">Session valable jusqu’au</dt>
        <dd>{formatDateTime(me.session.expiresAt)}</dd>
      </dl>
      <p>
        Votre nom et votre adresse électronique viennent de {provider} à chaque connexion&nbsp;: pour les corriger,
        corrigez-les auprès du compte avec lequel vous vous connectez, et ils seront à jour ici à votre prochaine
        connexion. Votre téléphone et vos choix de messages se corrigent ci-dessous.
      </p>
      {me.account.provider === 'proconnect' && !hasRole(me, 'department_admin') && (
        // Agents are linked to their own collège by its SIRET; another collège is the département's invitation,
        // by the professional e-mail they sign in with.
        <p className="salle-mb-3w">
          Pour gérer un autre collège, demandez au département de vous inviter
          {me.account.email ? ` à l’adresse ${me.account.email}` : ' à votre adresse électronique professionnelle'}
          &nbsp;: vous en deviendrez gestionnaire à votre prochaine connexion avec ProConnect.
        </p>
      )}
      {me.account.provider === 'franceconnect' && (
        <p className="salle-mt-3w">
          <Link href="/organisations">Gérer mes organisations</Link>
        </p>
      )}
      <NotificationSettings />
      <h2 className="salle-mt-3w">Mes données personnelles</h2>
      <p>
        <Link href="/compte/mes-donnees">Télécharger mes données</Link>
      </p>
      <ErasureRequest />
    </>
  );
}
