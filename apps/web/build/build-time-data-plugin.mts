import { runnerImport, type Plugin } from 'vite';
import { dataModule } from './data-module.mts';

/**
 * Modules whose exports are plain data computed from heavier ones: the build runs each of them (with Vite's
 * module runner, TypeScript and workspace packages included) and ships `export const name = <JSON>` instead of
 * its code, so that what it imported to compute the data never reaches the browser. The web app reduces the
 * services' operation tables to their methods and paths this way (`src/api/operation-routes.ts`): the first page
 * calls the API without the tables' zod schemas. Tests and the dev server run the modules as written.
 */
export function buildTimeData(modules: readonly string[]): Plugin {
  return {
    name: 'salle-build-time-data',
    apply: 'build',
    async load(id) {
      if (!modules.includes(id)) return null;
      const { module } = await runnerImport<Record<string, unknown>>(id, { configFile: false, logLevel: 'error' });
      return dataModule(module);
    },
  };
}
