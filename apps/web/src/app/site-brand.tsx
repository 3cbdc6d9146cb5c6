import type { SiteConfig } from '../lib/site-config';
import { Link } from './router';

/** The département's logo (or its name when it has none) and the service's name, a link home (header and footer share it). */
export function SiteBrand({ config, tagline = true }: { config: SiteConfig; tagline?: boolean }) {
  return (
    <div className="salle-brand">
      {config.logo ? (
        <img className="salle-brand__logo" src={config.logo.url} alt={config.logo.alt} />
      ) : (
        <p className="salle-brand__department">{config.departmentName}</p>
      )}
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
