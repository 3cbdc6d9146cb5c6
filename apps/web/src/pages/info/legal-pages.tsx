import { Link } from '../../app/router';
import { useSiteConfig } from '../../app/site-context';
import { accessibilityConformity } from '../../lib/site-config';
import { Contact } from './contact';

/** The items of a configured list, as a list (one item or many). */
function Items({ items }: { items: readonly string[] }) {
  return (
    <ul>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

/** « 25 novembre 2026 » from 2026-11-25. */
export function frenchDate(isoDate: string): string {
  return new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

export function LegalNoticePage() {
  const config = useSiteConfig();
  const { publisher, publicationDirector, host } = config.legal.notice;
  return (
    <>
      <h1>Mentions légales</h1>
      <h2>Éditeur</h2>
      <p>
        {publisher.name}
        <br />
        {publisher.address}
        <br />
        Téléphone&nbsp;: {publisher.phone}
        <br />
        Courriel&nbsp;: <Contact value={publisher.email} />
      </p>
      <h2>Directeur ou directrice de la publication</h2>
      <p>{publicationDirector}</p>
      <h2>Hébergement</h2>
      <p>
        {host.name}
        <br />
        {host.address}
        <br />
        Téléphone&nbsp;: {host.phone}
      </p>
      <h2>Logiciel</h2>
      <p>{config.serviceTitle} est un logiciel libre, publié sous licence EUPL 1.2.</p>
      <h2>Sources des données</h2>
      <p>
        Les communes proposées à la recherche sont celles des collèges, nommées selon le Code officiel géographique de
        l’INSEE, millésime 2026, avec les codes postaux de La Poste (Licence Ouverte / Open Licence Etalab). Les
        collèges de démonstration proviennent du jeu de données du ministère de l’Éducation nationale «&nbsp;Adresse et
        géolocalisation des établissements d’enseignement du premier et second degrés&nbsp;», novembre 2024 (Licence
        Ouverte / Open Licence Etalab).
      </p>
    </>
  );
}

export function AccessibilityPage() {
  const config = useSiteConfig();
  const assessment = config.legal.accessibility;
  const { status, ratePercent } = accessibilityConformity(assessment);
  const rate = ratePercent.toLocaleString('fr-FR');
  return (
    <>
      <h1>Déclaration d’accessibilité</h1>
      <p>
        {config.legal.notice.publisher.name} s’engage à rendre ce service accessible, conformément à l’article 47 de la
        loi n° 2005-102 du 11 février 2005. Cette déclaration d’accessibilité s’applique à {config.serviceTitle}.
      </p>
      <h2>État de conformité</h2>
      <p>
        {config.serviceTitle} est <strong>{status}</strong> avec le référentiel général d’amélioration de
        l’accessibilité (RGAA), version {assessment.rgaaVersion}.
      </p>
      <h2>Résultats des tests</h2>
      <p>
        L’évaluation réalisée le {frenchDate(assessment.assessmentDate)} par {assessment.assessedBy} révèle que {rate}
        &nbsp;% des critères du RGAA sont respectés&nbsp;: {assessment.compliantCriteria} critères conformes sur{' '}
        {assessment.applicableCriteria} critères applicables.
      </p>
      <h2>Contenus non accessibles</h2>
      <h3>Non-conformités</h3>
      {assessment.nonCompliances.length > 0 ? <Items items={assessment.nonCompliances} /> : <p>Aucune.</p>}
      <h3>Dérogations pour charge disproportionnée</h3>
      {assessment.derogations.length > 0 ? <Items items={assessment.derogations} /> : <p>Aucune.</p>}
      <h2>Établissement de cette déclaration</h2>
      <p>Cette déclaration a été établie le {frenchDate(assessment.statementDate)}.</p>
      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez-nous pour être orienté vers une
        alternative accessible ou obtenir le contenu sous une autre forme&nbsp;: <Contact value={assessment.contact} />.
      </p>
      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d’accessibilité vous empêchant d’accéder à un contenu ou à une fonctionnalité, que
        vous nous l’avez signalé et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur
        des droits&nbsp;:
      </p>
      <ul>
        <li>
          par le{' '}
          <a
            href="https://formulaire.defenseurdesdroits.fr/"
            target="_blank"
            rel="noopener"
            title="formulaire du Défenseur des droits – nouvelle fenêtre"
          >
            formulaire en ligne
          </a>
          {'\u00a0;'}
        </li>
        <li>en contactant le délégué du Défenseur des droits de votre région&nbsp;;</li>
        <li>
          par courrier gratuit, sans timbre&nbsp;: Défenseur des droits, Libre réponse 71120, 75342 Paris cedex 07.
        </li>
      </ul>
    </>
  );
}

export function SiteMapPage() {
  return (
    <>
      <h1>Plan du site</h1>
      <ul>
        <li>
          <Link href="/">Rechercher une salle</Link>
        </li>
        <li>
          <Link href="/regles">Règles d’utilisation et conditions d’accès</Link>
        </li>
        <li>
          <Link href="/connexion">Connexion</Link>
        </li>
        <li>
          Pour les associations : <Link href="/mes-reservations">mes réservations</Link>,{' '}
          <Link href="/organisations">mon organisation</Link>
        </li>
        <li>
          Pour les collèges : <Link href="/gestion">mon établissement</Link>
        </li>
        <li>
          Pour le département : <Link href="/admin">administration</Link>
        </li>
        <li>
          <Link href="/mentions-legales">Mentions légales</Link>,{' '}
          <Link href="/donnees-personnelles">données personnelles</Link>, <Link href="/cookies">cookies</Link>,{' '}
          <Link href="/accessibilite">accessibilité</Link>
        </li>
        <li>
          <Link href="/composants">Composants de l’application</Link>
        </li>
      </ul>
    </>
  );
}
