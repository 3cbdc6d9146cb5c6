import { accessibilityConformity } from '../lib/site-config';
import { Link } from './router';
import { SiteBrand } from './site-brand';
import { useSiteConfig } from './site-context';

/** The département's identity and contact, then the legal pages every public website links to. */
export function SiteFooter() {
  const config = useSiteConfig();
  const { status } = accessibilityConformity(config.legal.accessibility);
  return (
    <footer id="footer" className="salle-footer">
      <div className="salle-container">
        <div className="salle-footer__body">
          <SiteBrand config={config} tagline={false} />
          <div>
            <p>
              {config.serviceTitle} est le service du {lowerFirst(config.departmentName)} pour réserver les salles de
              ses collèges en dehors du temps scolaire.
            </p>
            <p>
              Contact&nbsp;: <a href={`mailto:${config.contactEmail}`}>{config.contactEmail}</a>
            </p>
          </div>
        </div>
        <ul className="salle-footer__links">
          <li>
            <Link href="/plan-du-site">Plan du site</Link>
          </li>
          <li>
            <Link href="/accessibilite">Accessibilité&nbsp;: {status}</Link>
          </li>
          <li>
            <Link href="/mentions-legales">Mentions légales</Link>
          </li>
          <li>
            <Link href="/donnees-personnelles">Données personnelles</Link>
          </li>
          <li>
            <Link href="/cookies">Cookies</Link>
          </li>
          <li>
            <Link href="/regles">Règles d’utilisation</Link>
          </li>
          <li>
            <Link href="/verifier-une-convention">Vérifier une convention</Link>
          </li>
        </ul>
      </div>
    </footer>
  );
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
