// What the web app's first page may load: formats, field names, the site configuration's defaults and the
// operations' paths, without zod (the full zod is about 30 kB gzipped, even `zod/mini` 15 kB) that the schemas of
// `@salle/contracts` bring. The modules here import no package; `browser.spec.ts` keeps it that way. The site
// configuration comes parsed by the gateway (`/config.json`), so the first page needs no schema for it.
export * from './french-format';
export * from './field-labels';
export * from './site-config-values';
export type { AccessibilityAssessment, LegalDetails, SiteConfig } from './site-config';
export * from './operation-path';
export * from './booking/search-limits';
export * from './booking/time-grid';
export * from './booking/convention-consent';
