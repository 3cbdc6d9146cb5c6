// What the web app's first page may load: formats, field names, the site configuration and the operations'
// paths, without the full zod (about 30 kB gzipped) that every schema of `@salle/contracts` brings. Each module
// here imports nothing but `zod/mini` (the site configuration); `browser.spec.ts` keeps it that way.
export * from './french-format';
export * from './field-labels';
export * from './site-config';
export * from './operation-path';
export * from './booking/search-limits';
export * from './booking/time-grid';
export * from './booking/convention-consent';
