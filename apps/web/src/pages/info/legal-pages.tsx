import { Link } from '../../app/router';
import { useSiteConfig } from '../../app/site-context';

export function LegalNoticePage() {
  const config = useSiteConfig();
  return (
    <>
      <h1>Mentions légales</h1>
      <h2>Éditeur</h2>
      <p>{config.publisher}</p>
      {config.contactEmail && (
        <p>
          Contact : <a href={`mailto:${config.contactEmail}`}>{config.contactEmail}</a>
        </p>
      )}
      <h2>Logiciel</h2>
      <p>{config.serviceTitle} est un logiciel libre, publié sous licence EUPL 1.2.</p>
      <h2>Hébergement</h2>
      <p>Les informations sur l’hébergeur sont fournies par l’éditeur.</p>
    </>
  );
}

export function PrivacyPage() {
  const config = useSiteConfig();
  return (
    <>
      <h1>Données personnelles</h1>
      <p>
        Le responsable du traitement est : {config.publisher}. Les données servent uniquement à gérer les réservations
        des espaces des collèges.
      </p>
      <h2>Données traitées</h2>
      <ul>
        <li>Votre identité transmise par FranceConnect ou ProConnect (nom, prénom, adresse électronique).</li>
        <li>Les informations de votre organisation (nom, numéro RNA ou SIREN, adresse, assurance).</li>
        <li>
          Vos réservations et leurs paiements (le paiement par carte est traité par le prestataire de paiement ; nous ne
          conservons aucun numéro de carte).
        </li>
      </ul>
      <h2>Cookies</h2>
      <p>
        Ce service n’utilise qu’un cookie de session, nécessaire à la connexion. Aucun cookie de mesure d’audience ni de
        publicité.
      </p>
      <h2>Vos droits</h2>
      <p>
        Vous pouvez accéder à vos données, les faire rectifier ou effacer
        {config.contactEmail ? (
          <>
            {' '}
            en écrivant à <a href={`mailto:${config.contactEmail}`}>{config.contactEmail}</a>
          </>
        ) : null}
        .
      </p>
    </>
  );
}

export function AccessibilityPage() {
  const config = useSiteConfig();
  const status = {
    'non compliant': 'non conforme',
    'partially compliant': 'partiellement conforme',
    'fully compliant': 'totalement conforme',
  }[config.accessibilityStatus];
  return (
    <>
      <h1>Déclaration d’accessibilité</h1>
      <p>
        {config.publisher} s’engage à rendre ce service accessible, conformément à l’article 47 de la loi n° 2005-102 du
        11 février 2005. Ce service est <strong>{status}</strong> avec le référentiel général d’amélioration de
        l’accessibilité (RGAA) : aucun audit n’a encore été réalisé.
      </p>
      <p>
        Chaque page est vérifiée automatiquement (axe-core) et le parcours de réservation peut être suivi au clavier
        seul.
      </p>
      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez-nous
        {config.contactEmail ? (
          <>
            {' '}
            : <a href={`mailto:${config.contactEmail}`}>{config.contactEmail}</a>
          </>
        ) : null}
        .
      </p>
      <h2>Voies de recours</h2>
      <p>
        Si vous n’obtenez pas de réponse, vous pouvez saisir le Défenseur des droits :{' '}
        <a
          href="https://formulaire.defenseurdesdroits.fr/"
          target="_blank"
          rel="noopener"
          title="formulaire du Défenseur des droits – nouvelle fenêtre"
        >
          formulaire en ligne
        </a>
        .
      </p>
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
          <Link href="/donnees-personnelles">données personnelles</Link>,{' '}
          <Link href="/accessibilite">accessibilité</Link>
        </li>
        <li>
          <Link href="/composants">Composants de l’application</Link>
        </li>
      </ul>
    </>
  );
}
