import {
  accessibilityConformity,
  DEFAULT_SITE_CONFIG,
  parseSiteConfig,
  type SiteConfig,
} from '@salle/contracts/browser';

export { accessibilityConformity, DEFAULT_SITE_CONFIG, parseSiteConfig, type SiteConfig };

/** Reads `/config.json`; after `timeoutMs` or on any error the defaults apply. */
export async function loadSiteConfig(fetchImpl: typeof fetch = fetch, timeoutMs = 2000): Promise<SiteConfig> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchImpl('/config.json', { signal: controller.signal, credentials: 'same-origin' });
    return response.ok ? parseSiteConfig(await response.json()) : DEFAULT_SITE_CONFIG;
  } catch {
    return DEFAULT_SITE_CONFIG;
  } finally {
    clearTimeout(timer);
  }
}
