import { useEffect, useState } from 'react';
import { bookingApi } from '../../api/booking-api';
import { navigate } from '../../app/router';
import { loginPath, useSession } from '../../app/session';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAsync } from '../../components/use-async';
import { useAction } from '../../components/use-action';
import { RENTER_CATEGORY_LABELS } from '../../lib/labels';
import { formatDateTime } from '../../lib/paris-time';
import { INVITATION_STORAGE_KEY, invitationTokenFrom } from './invitation-link';
import { Alert, Button } from '../../ui';

/**
 * The secret of the link this tab opened. The fragment is moved to the tab's
 * storage at once and removed from the address bar, so that the login round
 * trip (which keeps paths, not fragments) and a shared screen lose nothing.
 */
function useInvitationToken(): string | null {
  const [token] = useState(() => {
    const fromLink = invitationTokenFrom(window.location.hash);
    if (fromLink) {
      window.sessionStorage.setItem(INVITATION_STORAGE_KEY, fromLink);
      window.history.replaceState(null, '', window.location.pathname);
      return fromLink;
    }
    return window.sessionStorage.getItem(INVITATION_STORAGE_KEY);
  });
  return token;
}

/** `/rejoindre#<secret>`: where an invitation link leads. */
export function JoinOrganisationPage() {
  const session = useSession();
  const token = useInvitationToken();

  if (!token) {
    return (
      <>
        <h1>Rejoindre une organisation</h1>
        <Alert
          severity="warning"
          title="Ce lien d’invitation est incomplet."
          description="Ouvrez le lien tel que le responsable de l’organisation vous l’a envoyé, en entier, ou demandez-lui-en un nouveau."
        />
      </>
    );
  }
  if (session.status === 'loading') return <Loading label="Vérification de votre connexion…" />;
  if (!session.me) {
    return (
      <>
        <h1>Rejoindre une organisation</h1>
        <p>
          Vous avez reçu une invitation à rejoindre une organisation. Connectez-vous avec FranceConnect pour la voir et
          l’accepter.
        </p>
        <Button linkProps={{ href: loginPath('/rejoindre') }}>Se connecter</Button>
      </>
    );
  }
  return <Invitation token={token} />;
}

function Invitation({ token }: { token: string }) {
  const { refresh } = useSession();
  const preview = useAsync((_signal) => bookingApi.lookupInvitation(token), [token]);
  const { busy: joining, error, run } = useAction();

  // A link that no longer works is dropped, so that a later visit does not show it again.
  useEffect(() => {
    if (preview.error && preview.error.status !== 401) window.sessionStorage.removeItem(INVITATION_STORAGE_KEY);
  }, [preview.error]);

  const join = () =>
    run(
      async () => {
        await bookingApi.acceptInvitation(token);
        window.sessionStorage.removeItem(INVITATION_STORAGE_KEY);
        await refresh();
        navigate('/organisations');
      },
      { leavesPage: true },
    );

  return (
    <>
      <h1>Rejoindre une organisation</h1>
      {preview.loading && <Loading label="Lecture de l’invitation…" />}
      <ProblemAlert error={preview.error} />
      {preview.data && (
        <section className="salle-panel">
          <h2 className="salle-h4">{preview.data.organisationName}</h2>
          <p>
            {RENTER_CATEGORY_LABELS[preview.data.organisationKind]}. Vous êtes invité(e) à la rejoindre comme{' '}
            <strong>{preview.data.role === 'owner' ? 'responsable' : 'membre'}</strong>
            {preview.data.role === 'owner'
              ? '\u00a0: vous pourrez aussi gérer ses membres et ses informations.'
              : '\u00a0: vous pourrez réserver en son nom.'}
          </p>
          <p className="salle-text--sm">Invitation valable jusqu’au {formatDateTime(preview.data.expiresAt)}.</p>
          <ProblemAlert error={error} />
          <Button onClick={() => void join()} disabled={joining}>
            Rejoindre {preview.data.organisationName}
          </Button>
        </section>
      )}
    </>
  );
}
