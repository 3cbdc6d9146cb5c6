import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { FranceConnectButton } from '@codegouvfr/react-dsfr/FranceConnectButton';
import { ProConnectButton } from '@codegouvfr/react-dsfr/ProConnectButton';
import type { IdentityProvider } from '@salle/contracts';
import { useEffect } from 'react';
import { loginUrl, safeReturnTo } from '../../api/session-api';
import { navigate, useLocation } from '../../app/router';
import { useSession } from '../../app/session';
import { useSiteConfig } from '../../app/site-context';

/**
 * FranceConnect for associations, ProConnect for collège staff and
 * département agents, as the DSFR "bouton FranceConnect" rules ask: the
 * official buttons, unaltered, each with its "Qu'est-ce que … ?" link, and a
 * separator between the two ways in.
 */
export function LoginPage() {
  const location = useLocation();
  const { me } = useSession();
  const config = useSiteConfig();
  const returnTo = safeReturnTo(location.search.get('returnTo'));
  const expired = location.search.get('session') === 'expiree';
  const failed = location.search.get('erreur');

  useEffect(() => {
    if (me && !expired) navigate(returnTo, { replace: true });
  }, [me, expired, returnTo]);

  const go = (provider: IdentityProvider) => () => window.location.assign(loginUrl(provider, returnTo));

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
        <h1>Connexion à {config.serviceTitle}</h1>
        {expired && (
          <Alert
            severity="info"
            className="fr-mb-3w"
            title="Votre session a expiré."
            description="Reconnectez-vous : vous reviendrez ensuite sur la page où vous étiez."
          />
        )}
        {failed && (
          <Alert
            severity="error"
            className="fr-mb-3w"
            title="La connexion n’a pas abouti."
            description="Le service d’identification a interrompu la connexion ou ne répond pas. Réessayez dans quelques instants."
          />
        )}
        <section className="salle-panel" aria-labelledby="asso-titre">
          <h2 id="asso-titre" className="fr-h4">
            Vous représentez une association ou une organisation
          </h2>
          <p>
            FranceConnect est la solution proposée par l’État pour sécuriser et simplifier la connexion aux services en ligne. Utilisez le compte de l’un
            de vos services publics (impots.gouv.fr, ameli.fr, l’Identité Numérique La Poste…).
          </p>
          <FranceConnectButton onClick={go('franceconnect')} />
        </section>
        <p className="salle-separator" aria-hidden="true">
          ou
        </p>
        <section className="salle-panel" aria-labelledby="agent-titre">
          <h2 id="agent-titre" className="fr-h4">
            Vous travaillez dans un collège ou au département
          </h2>
          <p>ProConnect est la solution de l’État pour les agents publics : connectez-vous avec votre compte professionnel.</p>
          <ProConnectButton onClick={go('proconnect')} />
        </section>
      </div>
    </div>
  );
}
