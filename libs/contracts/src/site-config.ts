/**
 * What a département changes without rebuilding: its name, logo and legal
 * details, from the site configuration file (`/config.json`, see the web app's
 * README; its colours reach pages through the gateway's `/theme.css`). The web
 * app and the gateway's own pages read it alike. Missing or malformed members
 * keep the neutral defaults, so a typo never blanks the header.
 */
export interface SiteConfig {
  departmentName: string;
  serviceTitle: string;
  serviceTagline: string;
  logo: { url: string; alt: string } | null;
  /** Publisher named in the legal notice. */
  publisher: string;
  contactEmail: string;
  accessibilityStatus: 'non compliant' | 'partially compliant' | 'fully compliant';
}

export const DEFAULT_SITE_CONFIG: SiteConfig = {
  departmentName: 'Département',
  serviceTitle: 'Salle sur demande',
  serviceTagline: 'Les salles des collèges ouvertes aux associations',
  logo: null,
  publisher: 'Le département',
  contactEmail: '',
  accessibilityStatus: 'non compliant',
};

const text = (value: unknown, fallback: string) =>
  typeof value === 'string' && value.trim() ? value.trim() : fallback;

export function parseSiteConfig(raw: unknown): SiteConfig {
  if (!raw || typeof raw !== 'object') return DEFAULT_SITE_CONFIG;
  const input = raw as Record<string, unknown>;
  const logo = input['logo'] as Record<string, unknown> | undefined;
  const status = input['accessibilityStatus'];
  return {
    departmentName: text(input['departmentName'], DEFAULT_SITE_CONFIG.departmentName),
    serviceTitle: text(input['serviceTitle'], DEFAULT_SITE_CONFIG.serviceTitle),
    serviceTagline: text(input['serviceTagline'], DEFAULT_SITE_CONFIG.serviceTagline),
    logo:
      logo && typeof logo['url'] === 'string' && typeof logo['alt'] === 'string' && logo['alt'].trim()
        ? { url: logo['url'], alt: logo['alt'] }
        : null,
    publisher: text(input['publisher'], text(input['departmentName'], DEFAULT_SITE_CONFIG.publisher)),
    contactEmail: text(input['contactEmail'], ''),
    accessibilityStatus:
      status === 'partially compliant' || status === 'fully compliant' || status === 'non compliant'
        ? status
        : DEFAULT_SITE_CONFIG.accessibilityStatus,
  };
}
