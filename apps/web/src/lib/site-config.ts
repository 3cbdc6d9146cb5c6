import { accessibilityConformity, DEFAULT_SITE_CONFIG, type SiteConfig } from '@salle/contracts/browser';

export { accessibilityConformity, DEFAULT_SITE_CONFIG, type SiteConfig };

/**
 * Reads `/config.json`, which the gateway serves parsed (`parseSiteConfig` of `@salle/contracts`, at its start):
 * complete, each missing or malformed member already replaced by its default. So the first page reads it without
 * a schema (zod/mini alone weighed 15 kB gzipped there); each top-level member the answer lacks keeps its default.
 * After `timeoutMs`, or on any error or an answer that is not an object, the defaults apply.
 */
export async function loadSiteConfig(fetchImpl: typeof fetch = fetch, timeoutMs = 2000): Promise<SiteConfig> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchImpl('/config.json', { signal: controller.signal, credentials: 'same-origin' });
    const served: unknown = response.ok ? await response.json() : undefined;
    return served && typeof served === 'object' && !Array.isArray(served)
      ? { ...DEFAULT_SITE_CONFIG, ...(served as Partial<SiteConfig>) }
      : DEFAULT_SITE_CONFIG;
  } catch {
    return DEFAULT_SITE_CONFIG;
  } finally {
    clearTimeout(timer);
  }
}
