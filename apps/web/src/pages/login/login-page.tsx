import type { IdentityProvider } from '@salle/contracts';
import { useEffect } from 'react';
import { loginUrl, safeReturnTo } from '../../api/session-api';
import { navigate, useLocation } from '../../app/router';
import { useSession } from '../../app/session';
import { useSiteConfig } from '../../app/site-context';
import { Alert, ConnectButton } from '../../ui';

/**
 * FranceConnect for associations, ProConnect for collège staff and
 * département agents, as the federations' guidelines ask: their own buttons,
 * unaltered, each with its "Qu'est-ce que … ?" link, FranceConnect first, and
 * a separator between the two ways in.
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
    <div className="salle-grid-row salle-grid-row--center">
      <div className="salle-col-12 salle-col-md-10 salle-col-lg-8">
        <h1>Connexion à {config.serviceTitle}</h1>
        {expired && (
          <Alert
            severity="info"
            className="salle-mb-3w"
            title="Votre session a expiré."
            description={'Reconnectez-vous\u00a0: vous reviendrez ensuite sur la page où vous étiez.'}
          />
        )}
        {failed && (
          <Alert
            severity="error"
            className="salle-mb-3w"
            title="La connexion n’a pas abouti."
            description="Le service d’identification a interrompu la connexion ou ne répond pas. Réessayez dans quelques instants."
          />
        )}
        <section className="salle-panel" aria-labelledby="asso-titre">
          <h2 id="asso-titre" className="salle-h4">
            Vous représentez une association ou une organisation
          </h2>
          <p>
            FranceConnect est la solution proposée par l’État pour sécuriser et simplifier la connexion aux services en
            ligne. Utilisez le compte de l’un de vos services publics (impots.gouv.fr, ameli.fr, l’Identité Numérique La
            Poste…).
          </p>
          <ConnectButton federation="franceconnect" onClick={go('franceconnect')} />
        </section>
        <p className="salle-separator" aria-hidden="true">
          ou
        </p>
        <section className="salle-panel" aria-labelledby="agent-titre">
          <h2 id="agent-titre" className="salle-h4">
            Vous travaillez dans un collège ou au département
          </h2>
          <p>
            ProConnect est la solution de l’État pour les agents publics&nbsp;: connectez-vous avec votre compte
            professionnel.
          </p>
          <ConnectButton federation="proconnect" onClick={go('proconnect')} />
        </section>
      </div>
    </div>
  );
}
