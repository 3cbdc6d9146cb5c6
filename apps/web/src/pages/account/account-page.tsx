import { hasRole, useSession } from '../../app/session';
import { CopyField } from '../../components/copy-field';
import { Link } from '../../app/router';
import { ROLE_LABELS } from '../../lib/labels';
import { formatDateTime } from '../../lib/paris-time';
import { NotificationSettings } from './notification-settings';

export function AccountPage() {
  const { me } = useSession();
  if (!me) return null;
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
        <dd>{me.account.provider === 'franceconnect' ? 'FranceConnect' : 'ProConnect'}</dd>
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
      <h2 className="salle-h4">Mon identifiant</h2>
      <p>
        {hasRole(me, 'department_admin')
          ? 'L’identifiant de votre compte, si un service vous le demande.'
          : 'Pour être nommé gestionnaire d’un collège, communiquez cet identifiant au département. Pour rejoindre une organisation, demandez plutôt un lien d’invitation à son responsable.'}
      </p>
      <CopyField label="Identifiant de compte" value={me.account.id} />
      {me.account.provider === 'franceconnect' && (
        <p className="salle-mt-3w">
          <Link href="/organisations">Gérer mes organisations</Link>
        </p>
      )}
      <NotificationSettings />
    </>
  );
}
