import { hasRole, loginPath, useSession } from './session';
import { Link, useLocation } from './router';
import { useSiteConfig } from './site-context';
import { SiteBrand } from './site-brand';
import { buttonClass } from '../ui';

interface NavItem {
  text: string;
  href: string;
}

export function navigationFor(session: ReturnType<typeof useSession>): NavItem[] {
  const items: NavItem[] = [
    { text: 'Rechercher une salle', href: '/' },
    { text: 'Règles et conditions', href: '/regles' },
  ];
  const me = session.me;
  if (me?.account.provider === 'franceconnect' || hasRole(me, 'organisation_member')) {
    items.push(
      { text: 'Mes réservations', href: '/mes-reservations' },
      { text: 'Mon organisation', href: '/organisations' },
    );
  }
  if (hasRole(me, 'establishment_manager')) items.push({ text: 'Mon établissement', href: '/gestion' });
  if (hasRole(me, 'department_admin')) items.push({ text: 'Administration', href: '/admin' });
  return items;
}

function isActive(href: string, pathname: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

const TOOL = buttonClass('tertiary', 'small');

/** The person's way in or out: their name (to « Mon compte ») and a logout form, or « Se connecter ». */
function QuickAccess() {
  const { me } = useSession();
  const location = useLocation();
  if (!me) {
    const href = location.pathname.startsWith('/connexion') ? location.href : loginPath(location.href);
    return (
      <ul className="salle-header__tools">
        <li>
          <Link className={TOOL} href={href}>
            Se connecter
          </Link>
        </li>
      </ul>
    );
  }
  return (
    <ul className="salle-header__tools">
      <li>
        <Link className={TOOL} href="/compte">
          {me.account.displayName}
        </Link>
      </li>
      <li>
        <form method="post" action="/auth/logout" className="salle-inline-form">
          <input type="hidden" name="csrf" value={me.csrfToken} />
          <button type="submit" className={TOOL}>
            Se déconnecter
          </button>
        </form>
      </li>
    </ul>
  );
}

/** The département's identity, the way in or out, and the sections the person may use. */
export function SiteHeader() {
  const config = useSiteConfig();
  const session = useSession();
  const location = useLocation();
  return (
    <header id="header" className="salle-header">
      <div className="salle-container salle-header__top">
        <SiteBrand config={config} />
        <QuickAccess />
      </div>
      <nav id="header-main-navigation" className="salle-header__nav" aria-label="Menu principal">
        <ul className="salle-container">
          {navigationFor(session).map((item) => (
            <li key={item.href}>
              <Link href={item.href} aria-current={isActive(item.href, location.pathname) ? 'page' : undefined}>
                {item.text}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
