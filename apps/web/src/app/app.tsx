import { Suspense, useEffect, useRef } from 'react';
import { Loading } from '../components/loading';
import { AccessGuard } from './access-guard';
import { ErrorBoundary } from './error-boundary';
import { matchPath, useLocation } from './router';
import { NotFoundPage, ROUTES } from './routes';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';
import { ToastHost } from './toast-host';
import { usePageTitle } from './site-context';
import { SkipLinks } from '../ui';

export function findRoute(pathname: string) {
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

export function App() {
  const location = useLocation();
  const found = findRoute(location.pathname);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  usePageTitle(found?.route.title ?? 'Page introuvable');

  // After an in-app navigation, move focus to the new content (as a page load would) so screen readers start there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  const Page = found?.route.component ?? NotFoundPage;
  return (
    <>
      <SkipLinks
        links={[
          { label: 'Contenu', anchor: '#contenu' },
          { label: 'Menu', anchor: '#header-main-navigation' },
          { label: 'Pied de page', anchor: '#footer' },
        ]}
      />
      <SiteHeader />
      <main id="contenu" ref={mainRef} tabIndex={-1} className="salle-container salle-pt-3w salle-pb-6w salle-main">
        <ErrorBoundary resetKey={location.pathname}>
          <Suspense fallback={<Loading label="Chargement de la page…" />}>
            <AccessGuard access={found?.route.access ?? 'public'}>
              <Page params={found?.params ?? {}} />
            </AccessGuard>
          </Suspense>
        </ErrorBoundary>
      </main>
      <SiteFooter />
      <ToastHost />
    </>
  );
}
