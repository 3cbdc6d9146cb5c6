import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import { StrictMode } from 'react';
import { I18nProvider } from 'react-aria-components';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { SessionProvider } from './app/session';
import { SiteConfigContext } from './app/site-context';
import { loadSiteConfig } from './lib/site-config';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);

void loadSiteConfig().then((config) => {
  root.render(
    <StrictMode>
      {/* Dates and times read « 06/12/2026 » and « 18:00 » whatever the browser's own locale. */}
      <I18nProvider locale="fr-FR">
        <SiteConfigContext.Provider value={config}>
          <SessionProvider>
            <App />
          </SessionProvider>
        </SiteConfigContext.Provider>
      </I18nProvider>
    </StrictMode>,
  );
});
