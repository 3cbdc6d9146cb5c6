import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { Link } from './app/router';
import { SessionProvider } from './app/session';
import { SiteConfigContext } from './app/site-context';
import { loadSiteConfig } from './lib/site-config';
import './styles.css';

startReactDsfr({ defaultColorScheme: 'system', Link });

declare module '@codegouvfr/react-dsfr/spa' {
  interface RegisterLink {
    Link: typeof Link;
  }
}

const root = createRoot(document.getElementById('root') as HTMLElement);

void loadSiteConfig().then((config) => {
  root.render(
    <StrictMode>
      <SiteConfigContext.Provider value={config}>
        <SessionProvider>
          <App />
        </SessionProvider>
      </SiteConfigContext.Provider>
    </StrictMode>,
  );
});
