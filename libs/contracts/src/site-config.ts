import * as z from 'zod/mini';
import { DEFAULT_SITE_CONFIG } from './site-config-values';

/**
 * What a département changes without rebuilding: its name, logo, contact and
 * legal details, from the site configuration file (`/config.json`, see the web
 * app's README; its colours reach pages through the gateway's `/theme.css`).
 * The web app and the gateway's own pages read it alike.
 *
 * Two readings of the same schema: `parseSiteConfig` (the pages) keeps the
 * neutral default of any missing or malformed member, so a typo never blanks
 * the header; `missingLegalFields` (the gateway's start in production) lists
 * every legal field the file does not fill, since a public website must
 * publish them. The gateway parses the file once at start and serves the
 * result as `/config.json`, complete and checked, so the web app's first page
 * reads it without any schema (`site-config-values.ts`: the defaults and the
 * conformity status, without zod, which weighed 15 kB gzipped there even as
 * `zod/mini`).
 */

const text = z.string().check(z.trim(), z.minLength(1));

const logoSchema = z.object({ url: text, alt: text });

/** Who publishes the site (loi n° 2004-575 du 21 juin 2004, article 6). */
const legalNoticeSchema = z.object({
  publisher: z.object({ name: text, address: text, phone: text, email: z.email() }),
  publicationDirector: text,
  host: z.object({ name: text, address: text, phone: text }),
});

/**
 * Who answers for the personal data (GDPR articles 13 and 14): the controller, the DPO and where to exercise
 * one's rights. What is processed, why, for whom and how long is the product's processing register
 * (PROCESSING_REGISTER), not configuration.
 */
const personalDataSchema = z.object({
  controller: text,
  dpoContact: text,
  rightsContact: text,
});

/**
 * The RGAA self-assessment the accessibility statement publishes: the
 * conformity rate and status are computed from the criteria counts, never
 * written by hand.
 */
const accessibilitySchema = z.object({
  assessmentDate: z.iso.date(),
  assessedBy: text,
  rgaaVersion: text,
  applicableCriteria: z.int().check(z.positive()),
  compliantCriteria: z.int().check(z.nonnegative()),
  nonCompliances: z.array(text),
  derogations: z.array(text),
  contact: text,
  statementDate: z.iso.date(),
});

const legalSchema = z.object({
  notice: legalNoticeSchema,
  personalData: personalDataSchema,
  accessibility: accessibilitySchema.check(
    z.refine((a) => a.compliantCriteria <= a.applicableCriteria, {
      message: 'compliantCriteria cannot exceed applicableCriteria',
      path: ['compliantCriteria'],
    }),
  ),
});

/**
 * The map beside the search results, configured here only (no environment variable): a tile server's URL template
 * (`{z}`, `{x}`, `{y}`, as Leaflet reads it: the département's own, or OpenStreetMap France's in production)
 * and the credit its licence asks for. Null: no map, the list alone (which always works).
 */
const mapSchema = z.object({
  tileUrl: text.check(z.refine((url) => ['{z}', '{x}', '{y}'].every((part) => url.includes(part)))),
  attribution: text,
});

export const siteConfigSchema = z.object({
  departmentName: text,
  serviceTitle: text,
  serviceTagline: text,
  logo: z.nullable(logoSchema),
  /** The département's contact for the service, shown in the footer. */
  contactEmail: z.email(),
  map: z.nullable(mapSchema),
  legal: legalSchema,
});

export type SiteConfig = z.infer<typeof siteConfigSchema>;
export type LegalDetails = SiteConfig['legal'];
export type AccessibilityAssessment = LegalDetails['accessibility'];

export { accessibilityConformity, DEFAULT_SITE_CONFIG, type AccessibilityConformity } from './site-config-values';

type Shape = Record<string, z.ZodMiniType>;

/** Each member of `schema` read from `raw`, the default's wherever it is missing or malformed (objects member by member). */
function lenient<T>(schema: z.ZodMiniType, raw: unknown, fallback: T): T {
  const whole = schema.safeParse(raw);
  if (whole.success) return whole.data as T;
  const shape = (schema as unknown as { shape?: Shape }).shape;
  if (!shape || !raw || typeof raw !== 'object' || Array.isArray(raw) || !fallback || typeof fallback !== 'object')
    return fallback;
  const input = raw as Record<string, unknown>;
  const defaults = fallback as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(defaults).map((key) => [
      key,
      shape[key] ? lenient(shape[key], input[key], defaults[key]) : defaults[key],
    ]),
  ) as T;
}

export function parseSiteConfig(raw: unknown): SiteConfig {
  const config = lenient<SiteConfig>(siteConfigSchema, raw, DEFAULT_SITE_CONFIG);
  const accessibility = config.legal.accessibility;
  // Counts that contradict each other are no self-assessment: the default (nothing assessed) stands.
  if (accessibility.compliantCriteria > accessibility.applicableCriteria)
    return { ...config, legal: { ...config.legal, accessibility: DEFAULT_SITE_CONFIG.legal.accessibility } };
  return config;
}

/** Dotted paths of the legal fields `raw` leaves missing or malformed (empty when the legal pages are complete). */
export function missingLegalFields(raw: unknown): string[] {
  const legal = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)['legal'] : undefined;
  const result = legalSchema.safeParse(legal);
  if (result.success) return [];
  return [...new Set(result.error.issues.map((issue) => ['legal', ...issue.path].join('.')))];
}
