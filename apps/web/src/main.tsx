import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import { StrictMode } from 'react';
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
      <SiteConfigContext.Provider value={config}>
        <SessionProvider>
          <App />
        </SessionProvider>
      </SiteConfigContext.Provider>
    </StrictMode>,
  );
});
