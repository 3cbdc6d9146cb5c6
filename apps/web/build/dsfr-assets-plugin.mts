import { cpSync, createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, sep } from 'node:path';
import type { Plugin } from 'vite';

/**
 * The DSFR's own CSS, fonts, icons and favicons, served under `/dsfr/` as
 * react-dsfr's `copy-dsfr-to-public` would place them, but without writing
 * into the source tree: the dev server reads them from node_modules and the
 * build copies only what the two stylesheets reference. They stay outside
 * the JavaScript bundle (and its size budget); the `?v=` query busts caches
 * when the DSFR version changes.
 */
export function dsfrAssets(): Plugin {
  const packageJson = createRequire(import.meta.url).resolve('@codegouvfr/react-dsfr/package.json');
  const dsfrDir = join(dirname(packageJson), 'dsfr');
  // The DSFR files ship inside react-dsfr: its version changes whenever they do.
  const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  const kept = ['dsfr.min.css', 'utility/icons/icons.min.css', 'fonts', 'icons', 'favicon'];
  let outDir = '';

  return {
    name: 'salle-dsfr-assets',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    // Replaces `<!-- dsfr -->` in index.html, so the DSFR styles come before the app's own.
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const href = (path: string) => `/dsfr/${path}?v=${version}`;
        const links = [
          `<link rel="stylesheet" href="${href('dsfr.min.css')}" />`,
          `<link rel="stylesheet" href="${href('utility/icons/icons.min.css')}" />`,
          `<link rel="apple-touch-icon" href="${href('favicon/apple-touch-icon.png')}" />`,
          `<link rel="icon" href="${href('favicon/favicon.svg')}" type="image/svg+xml" />`,
          `<link rel="shortcut icon" href="${href('favicon/favicon.ico')}" type="image/x-icon" />`,
          `<link rel="manifest" href="${href('favicon/manifest.webmanifest')}" crossorigin="use-credentials" />`,
        ];
        return html.replace('<!-- dsfr -->', links.join('\n    '));
      },
    },
    configureServer(server) {
      server.middlewares.use('/dsfr', (req, res, next) => {
        const relative = normalize(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/')).replace(/^[/\\]+/, '');
        const file = join(dsfrDir, relative);
        if (!file.startsWith(dsfrDir + sep) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader('Content-Type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
    closeBundle() {
      const target = join(outDir, 'dsfr');
      mkdirSync(join(target, 'utility/icons'), { recursive: true });
      for (const path of kept) cpSync(join(dsfrDir, path), join(target, path), { recursive: true });
    },
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};
