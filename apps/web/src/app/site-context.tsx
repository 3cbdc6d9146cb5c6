import { createContext, useContext, useEffect } from 'react';
import { DEFAULT_SITE_CONFIG, type SiteConfig } from '../lib/site-config';

export const SiteConfigContext = createContext<SiteConfig>(DEFAULT_SITE_CONFIG);

export function useSiteConfig(): SiteConfig {
  return useContext(SiteConfigContext);
}

/** « Mes réservations – Salle sur demande – Département de l'Isère » */
export function usePageTitle(title: string | null | undefined): void {
  const config = useSiteConfig();
  useEffect(() => {
    if (title) document.title = `${title} – ${config.serviceTitle} – ${config.departmentName}`;
  }, [title, config]);
}
