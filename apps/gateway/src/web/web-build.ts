import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import { parseSiteConfig } from '@salle/contracts';
import { etagOf, sendRevalidated } from '@salle/http';
import { FAVICON_PATH, LOGO_PATH, publicSiteConfig, readSiteBranding, type BrandingImage } from './site-branding';
import { readSiteFile, readSiteTheme, themeStylesheet } from './theme';

/** Paths the single-page app never owns. */
const NOT_THE_APP = /^\/(api|auth|webhooks|\.well-known)(\/|$)/;

/** The content security policy of the web app's pages: its own scripts only; https photos of spaces. */
export function webSecurityPolicy(providerOrigins: readonly string[], https: boolean): string {
  return [
    "default-src 'self'",
    "base-uri 'none'",
    // Logout is a form whose answer redirects to the provider's end-session endpoint.
    `form-action 'self' ${providerOrigins.join(' ')}`.trim(),
    "frame-ancestors 'none'",
    "img-src 'self' data: https:",
    "font-src 'self' data:",
    "object-src 'none'",
    "script-src 'self'",
    // Charts and meters size their bars with style attributes.
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** The built web app (apps/web, `vite build`), when there is one in `directory`. */
export function findWebBuild(directory: string): string | undefined {
  const resolved = path.resolve(directory);
  return fs.existsSync(path.join(resolved, 'index.html')) ? resolved : undefined;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The build's precompressed twins of its hashed assets (`.br`, `.gz`, written
 * by the web app's build at the highest levels), for browsers that accept
 * them: no compression work per request. Anything else goes on to the files.
 */
function precompressedAssets(directory: string): RequestHandler {
  const assets = path.join(directory, 'assets');
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith('/assets/')) return next();
    const file = path.join(directory, req.path);
    if (!file.startsWith(assets + path.sep)) return next();
    const available = (['br', 'gzip'] as const).filter((encoding) =>
      fs.existsSync(file + (encoding === 'br' ? '.br' : '.gz')),
    );
    if (available.length === 0) return next();
    res.setHeader('Vary', 'Accept-Encoding');
    // Brotli whenever accepted (browsers list gzip first without preferring it); nothing without the header.
    const chosen = req.headers['accept-encoding']
      ? available.find((encoding) => req.acceptsEncodings(encoding) === encoding)
      : undefined;
    if (!chosen) return next();
    res.setHeader('Content-Encoding', chosen);
    res.setHeader('Cache-Control', IMMUTABLE);
    res.type(path.extname(file));
    res.sendFile(file + (chosen === 'br' ? '.br' : '.gz'), (error) => error && next(error));
  };
}

/**
 * Serves the web app: fingerprinted assets cached for a year (precompressed
 * when the browser accepts it), `index.html` and `config.json` never cached,
 * and `index.html` for every other page path (client-side routes), so a
 * reload of /reservations/… works.
 */
export function mountWebBuild(app: Express, directory: string, policy: string): void {
  const withPolicy: RequestHandler = (_req, res, next) => {
    res.setHeader('Content-Security-Policy', policy);
    next();
  };
  app.use(
    withPolicy,
    precompressedAssets(directory),
    express.static(directory, {
      index: false,
      setHeaders: (res, file) => {
        const immutable = file.includes(`${path.sep}assets${path.sep}`);
        res.setHeader('Cache-Control', immutable ? IMMUTABLE : 'no-cache');
      },
    }),
  );
  const indexHtml = path.join(directory, 'index.html');
  app.get(/.*/, (req, res, next) => {
    if (NOT_THE_APP.test(req.path) || path.extname(req.path) !== '') return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Security-Policy', policy);
    res.sendFile(indexHtml);
  });
}

/**
 * Development: every page path goes to Vite's dev server (hot reload), behind
 * the gateway so that /api and /auth stay same-origin. Vite's pages carry
 * inline scripts (React refresh), so the production policy is not applied.
 */
export function mountWebDevServer(app: Express, proxy: RequestHandler): void {
  app.use((req, res, next) => {
    if (NOT_THE_APP.test(req.path)) return next();
    res.removeHeader('Content-Security-Policy');
    proxy(req, res, next);
  });
}

/** The site configuration file: `GATEWAY_SITE_CONFIG`, else the web build's own `config.json`. */
export function siteConfigPath(config: { GATEWAY_WEB_DIR: string; GATEWAY_SITE_CONFIG?: string | undefined }): string {
  return path.resolve(config.GATEWAY_SITE_CONFIG ?? path.join(config.GATEWAY_WEB_DIR, 'config.json'));
}

/**
 * The département's identity, read once at start from the site configuration
 * file (`GATEWAY_SITE_CONFIG`, else the web build's `config.json`):
 * `/theme.css` (its colours as the custom properties of the web app's design
 * tokens, checked against WCAG AA by `readSiteTheme`), `/config.json` (the
 * file parsed by `parseSiteConfig`, complete, as the web app reads it, the
 * logo's URL pointing at the gateway), and
 * the logo and favicon images it names at `/site/logo` and `/site/favicon`
 * (the favicon falls back to the build's `branding/favicon.svg`). Mounted
 * before the web app, in development too, so one file brands the whole site
 * without touching the build.
 */
export function mountSiteTheme(
  app: Express,
  config: { GATEWAY_WEB_DIR: string; GATEWAY_SITE_CONFIG?: string | undefined },
): void {
  const file = siteConfigPath(config);
  const stylesheet = themeStylesheet(readSiteTheme(file));
  const raw = readSiteFile(file);
  const branding = readSiteBranding(raw, file);
  // Both are read once, so their ETags are too: a repeat visit gets two bodiless 304s.
  const stylesheetTag = etagOf(stylesheet);
  app.get('/theme.css', (req, res) => sendRevalidated(req, res, stylesheet, { type: 'css', etag: stylesheetTag }));
  if (raw !== undefined) {
    // Parsed here once (each missing or malformed member replaced by its default), so the web app's first page
    // takes it as it is, without a schema.
    const publicConfig = JSON.stringify(parseSiteConfig(publicSiteConfig(raw, branding)));
    const configTag = etagOf(publicConfig);
    app.get('/config.json', (req, res) => sendRevalidated(req, res, publicConfig, { type: 'json', etag: configTag }));
  }
  const defaultFavicon = path.resolve(config.GATEWAY_WEB_DIR, 'branding', 'favicon.svg');
  const images: [string, BrandingImage | undefined][] = [
    [LOGO_PATH, branding.logo],
    [
      FAVICON_PATH,
      branding.favicon ??
        (fs.existsSync(defaultFavicon) ? { file: defaultFavicon, contentType: 'image/svg+xml' } : undefined),
    ],
  ];
  for (const [route, image] of images) {
    app.get(route, (_req, res) => {
      if (!image) return void res.status(404).end();
      // Replaceable at the next start: browsers check again after an hour.
      res.setHeader('Cache-Control', 'public, max-age=3600');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      // An SVG opened on its own runs no script and loads nothing.
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      res.type(image.contentType).sendFile(image.file);
    });
  }
}
