import fs from 'node:fs';
import path from 'node:path';

// The rule behind the two test targets: a project's `test` target runs its unit specs (`src/`) with no
// PostgreSQL or Redis and is cached; its `integration` target runs `test/` with them. A spec under
// `src/` that imports what opens a connection or starts a server would make a cached result depend on
// the machine, so it is found here, before it runs.

/** Value imports that need a database, Redis or a server process, by module. */
const infrastructure: Record<string, 'any' | readonly string[]> = {
  pg: 'any',
  ioredis: 'any',
  '@salle/testing/infra': 'any',
  '@salle/testing': [
    'createTestDatabase',
    'databaseExists',
    'testRedisUrl',
    'startRedisServer',
    'startTcpProxy',
    'startBundledApp',
    'spawnBundledApp',
    'spawnBundled',
    'runBundledAppToExit',
    'spawnTypescript',
    'runTypescriptToExit',
  ],
  '@salle/db': ['createDataSource', 'migrate'],
  '@salle/redis': ['createRedis'],
};

/** The names a statement imports as values (type-only ones left out), or 'any' for a whole module. */
function importedValues(clause: string): 'any' | string[] {
  if (/^type\s/.test(clause)) return [];
  const braces = /\{([^}]*)\}/.exec(clause);
  const names = (braces?.[1] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part && !part.startsWith('type '))
    .map((part) => part.split(/\s+as\s+/)[0] as string);
  const outsideBraces = clause
    .replace(/\{[^}]*\}/, '')
    .replace(/,/g, ' ')
    .trim();
  return outsideBraces ? 'any' : names;
}

/** Each infrastructure import of a spec's source, as `module: name`. */
export function infrastructureImports(source: string): string[] {
  const found: string[] = [];
  const statements = [
    ...[...source.matchAll(/^\s*import\s+([^'";]*?)\s+from\s+['"]([^'"]+)['"]/gm)].map((m) => [m[1], m[2]]),
    ...[...source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => ['*', m[1]]),
    ...[...source.matchAll(/\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => ['*', m[1]]),
  ] as Array<[string, string]>;
  for (const [clause, module] of statements) {
    const refused = infrastructure[module];
    if (!refused) continue;
    const values = importedValues(clause);
    if (values === 'any') found.push(`${module}: *`);
    else if (refused === 'any') found.push(...values.map((name) => `${module}: ${name}`));
    else found.push(...values.filter((name) => refused.includes(name)).map((name) => `${module}: ${name}`));
  }
  return found;
}

export const workspaceRoot = path.resolve(__dirname, '../../..');

/** Every project folder (apps, libs, tools with a package.json), relative to the workspace root. */
export function projectRoots(): string[] {
  return ['apps', 'libs', 'tools'].flatMap((group) =>
    fs
      .readdirSync(path.join(workspaceRoot, group))
      .map((name) => `${group}/${name}`)
      .filter((root) => fs.existsSync(path.join(workspaceRoot, root, 'package.json'))),
  );
}

/** Spec files under one folder of a project, relative to the workspace root. */
export function specFiles(projectRoot: string, folder: 'src' | 'test'): string[] {
  const start = path.join(workspaceRoot, projectRoot, folder);
  if (!fs.existsSync(start)) return [];
  return (fs.readdirSync(start, { recursive: true }) as string[])
    .filter((file) => /\.spec\.tsx?$/.test(file) && !file.split(path.sep).includes('node_modules'))
    .map((file) => path.join(projectRoot, folder, file))
    .sort();
}

/** The test targets a project declares in its package.json. */
export function declaredTestTargets(projectRoot: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(workspaceRoot, projectRoot, 'package.json'), 'utf8')) as {
    nx?: { targets?: Record<string, unknown> };
  };
  return Object.keys(manifest.nx?.targets ?? {}).filter((target) => target === 'test' || target === 'integration');
}
