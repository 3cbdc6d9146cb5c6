import { Header } from '@codegouvfr/react-dsfr/Header';
import { Fragment } from 'react';
import { hasRole, loginPath, useSession } from './session';
import { useLocation } from './router';
import { useSiteConfig } from './site-context';

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
    items.push({ text: 'Mes réservations', href: '/mes-reservations' }, { text: 'Mon organisation', href: '/organisations' });
  }
  if (hasRole(me, 'establishment_manager')) items.push({ text: 'Mon établissement', href: '/gestion' });
  if (hasRole(me, 'department_admin')) items.push({ text: 'Administration', href: '/admin' });
  return items;
}

function isActive(href: string, pathname: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

export function SiteHeader() {
  const config = useSiteConfig();
  const session = useSession();
  const location = useLocation();
  const me = session.me;

  const quickAccessItems = me
    ? [
        { iconId: 'fr-icon-account-circle-line' as const, text: me.account.displayName, linkProps: { href: '/compte' } },
        <form method="post" action="/auth/logout" key="logout" className="salle-inline-form">
          <input type="hidden" name="csrf" value={me.csrfToken} />
          <button type="submit" className="fr-btn fr-icon-logout-box-r-line">
            Se déconnecter
          </button>
        </form>,
      ]
    : [
        {
          iconId: 'fr-icon-lock-line' as const,
          text: 'Se connecter',
          linkProps: { href: location.pathname.startsWith('/connexion') ? location.href : loginPath(location.href) },
        },
      ];

  return (
    <Header
      id="header"
      brandTop={config.brandTop.map((line, index) => (
        <Fragment key={index}>
          {index > 0 && <br />}
          {line}
        </Fragment>
      ))}
      homeLinkProps={{ href: '/', title: `Accueil – ${config.serviceTitle} – ${config.departmentName}` }}
      serviceTitle={config.serviceTitle}
      serviceTagline={config.serviceTagline}
      operatorLogo={config.logo ? { orientation: config.logo.orientation, imgUrl: config.logo.url, alt: config.logo.alt } : undefined}
      quickAccessItems={quickAccessItems}
      navigation={navigationFor(session).map((item) => ({
        text: item.text,
        linkProps: { href: item.href },
        isActive: isActive(item.href, location.pathname),
      }))}
    />
  );
}
