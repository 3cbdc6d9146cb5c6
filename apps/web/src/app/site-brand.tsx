import type { SiteConfig } from '../lib/site-config';
import { Link } from './router';

/** The département's logo and the service's name, a link home (header and footer share it). */
export function SiteBrand({ config, tagline = true }: { config: SiteConfig; tagline?: boolean }) {
  return (
    <div className="salle-brand">
      {config.logo && <img className="salle-brand__logo" src={config.logo.url} alt={config.logo.alt} />}
      <div>
        <p className="salle-brand__title">
          <Link href="/" title={`Accueil – ${config.serviceTitle} – ${config.departmentName}`}>
            {config.serviceTitle}
          </Link>
        </p>
        {tagline && <p className="salle-brand__tagline">{config.serviceTagline}</p>}
      </div>
    </div>
  );
}
