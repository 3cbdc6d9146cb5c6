import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { buildTimeData } from './build/build-time-data-plugin.mts';
import { bundleReport } from './build/bundle-report-plugin.mts';
import { firstVisitReport } from './build/first-visit.mts';
import { frenchOnly } from './build/french-only-plugin.mts';
import { precompress } from './build/precompress-plugin.mts';

const here = import.meta.dirname;
const workspaceRoot = resolve(here, '../..');

/**
 * `nx build web` writes dist/apps/web (served by the gateway in production);
 * `nx serve web` runs the dev server on WEB_DEV_PORT (default 4200), which the
 * gateway proxies in development so that /api and /auth stay same-origin.
 */
export default defineConfig({
  root: here,
  base: '/',
  publicDir: resolve(here, 'public'),
  // Budgets: first-page JavaScript ≤ 150 kB gzipped; a cold first visit ≤ 400 kB transferred.
  plugins: [
    react(),
    buildTimeData([resolve(here, 'src/api/operation-routes.ts'), resolve(here, 'src/api/back-office-routes.ts')]),
    frenchOnly(),
    bundleReport({ budgetKb: 150, alwaysLoaded: [] }),
    precompress(),
    firstVisitReport({ budgetKb: 400 }),
  ],
  build: {
    outDir: resolve(workspaceRoot, 'dist/apps/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
  },
  server: {
    host: process.env['WEB_DEV_HOST'] ?? '127.0.0.1',
    port: Number(process.env['WEB_DEV_PORT'] ?? 4200),
    strictPort: true,
    // Pages come through the gateway, which does not proxy WebSockets: hot reload connects here directly.
    hmr: { host: process.env['WEB_DEV_HOST'] ?? '127.0.0.1', clientPort: Number(process.env['WEB_DEV_PORT'] ?? 4200) },
  },
});
