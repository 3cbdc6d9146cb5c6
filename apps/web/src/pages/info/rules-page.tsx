import { Link } from '../../app/router';
import { useSiteConfig } from '../../app/site-context';
import { DEFAULT_CANCELLATION_POLICY } from '../../lib/refund-estimate';
import { CallOut } from '../../ui';

/** What a renter must know before asking: who may book, what is expected, how cancellation works. */
export function RulesPage() {
  const config = useSiteConfig();
  const [full, half] = DEFAULT_CANCELLATION_POLICY.tiers;
  return (
    <>
      <h1>Règles d’utilisation et conditions d’accès</h1>
      <p className="salle-text--lead">
        Le {config.departmentName.charAt(0).toLowerCase() + config.departmentName.slice(1)} ouvre les espaces de ses
        collèges aux associations, communes et organismes en dehors du temps scolaire. Ces règles s’appliquent à chaque
        réservation.
      </p>

      <h2>Qui peut réserver&nbsp;?</h2>
      <ul>
        <li>
          Les associations déclarées (numéro RNA) et les organisations immatriculées (numéro SIREN)&nbsp;: communes,
          organismes de formation, entreprises.
        </li>
        <li>
          L’organisation ne doit avoir ni objet cultuel, ni objet politique, et l’activité ne doit pas être lucrative.
        </li>
        <li>Elle s’engage à respecter le contrat d’engagement républicain.</li>
        <li>Elle est assurée en responsabilité civile pour l’activité, pendant toute la durée de la réservation.</li>
        <li>Le département vérifie chaque organisation déclarée avant sa première réservation.</li>
      </ul>

      <h2>Comment réserver&nbsp;?</h2>
      <ol>
        <li>
          <Link href="/">Cherchez un créneau libre</Link> selon vos dates, horaires et besoins.
        </li>
        <li>
          <Link href="/connexion">Connectez-vous avec FranceConnect</Link> et{' '}
          <Link href="/organisations/nouvelle">déclarez votre organisation</Link>.
        </li>
        <li>Envoyez votre demande, ponctuelle ou chaque semaine pour une saison.</li>
        <li>
          Le collège accepte ou refuse votre demande. Une fois acceptée, vous payez en ligne&nbsp;; la réservation est
          alors confirmée.
        </li>
      </ol>

      <h2>Pendant l’utilisation</h2>
      <ul>
        <li>Respectez les horaires réservés, y compris l’installation et le rangement.</li>
        <li>Ne dépassez pas la capacité indiquée&nbsp;; laissez les issues de secours dégagées.</li>
        <li>Rendez l’espace propre et dans l’état où vous l’avez trouvé&nbsp;; signalez tout dommage au collège.</li>
        <li>Les locaux sont non-fumeurs&nbsp;; l’alcool n’y est pas autorisé.</li>
        <li>Une caution peut être demandée&nbsp;; elle est rendue si l’espace est restitué en bon état.</li>
      </ul>

      <h2>Annuler une réservation</h2>
      <p>
        Chaque collège fixe ses conditions d’annulation, affichées avant que vous confirmiez. Sauf conditions
        particulières&nbsp;:
      </p>
      <ul>
        <li>
          annulation au moins {full?.minNotice.days} jours avant le début&nbsp;: remboursement de {full?.percent}
          &nbsp;%&nbsp;;
        </li>
        <li>
          au moins {half?.minNotice.hours} heures avant&nbsp;: remboursement de {half?.percent}&nbsp;%&nbsp;;
        </li>
        <li>au-delà&nbsp;: pas de remboursement.</li>
      </ul>
      <p>Une annulation décidée par le collège est toujours remboursée en totalité.</p>

      <CallOut title={'Une question\u00a0?'} className="salle-mt-4w">
        {config.contactEmail ? (
          <>
            Écrivez à <a href={`mailto:${config.contactEmail}`}>{config.contactEmail}</a>.
          </>
        ) : (
          'Contactez le collège dont vous souhaitez réserver un espace.'
        )}
      </CallOut>
    </>
  );
}
