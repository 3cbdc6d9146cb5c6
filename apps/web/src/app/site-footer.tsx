import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Fragment } from 'react';
import { useSiteConfig } from './site-context';

export function SiteFooter() {
  const config = useSiteConfig();
  return (
    <Footer
      id="footer"
      accessibility={config.accessibilityStatus}
      brandTop={config.brandTop.map((line, index) => (
        <Fragment key={index}>
          {index > 0 && <br />}
          {line}
        </Fragment>
      ))}
      homeLinkProps={{ href: '/', title: `Accueil – ${config.serviceTitle} – ${config.departmentName}` }}
      operatorLogo={config.logo ? { orientation: config.logo.orientation, imgUrl: config.logo.url, alt: config.logo.alt } : undefined}
      contentDescription={`${config.serviceTitle} est le service du ${lowerFirst(config.departmentName)} pour réserver les salles de ses collèges en dehors du temps scolaire.`}
      termsLinkProps={{ href: '/mentions-legales' }}
      websiteMapLinkProps={{ href: '/plan-du-site' }}
      accessibilityLinkProps={{ href: '/accessibilite' }}
      bottomItems={[
        { text: 'Données personnelles', linkProps: { href: '/donnees-personnelles' } },
        { text: 'Règles d’utilisation', linkProps: { href: '/regles' } },
      ]}
    />
  );
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
