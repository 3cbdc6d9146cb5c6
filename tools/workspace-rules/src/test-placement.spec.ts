import fs from 'node:fs';
import path from 'node:path';
import { declaredTestTargets, infrastructureImports, projectRoots, specFiles, workspaceRoot } from './test-placement';

// Builds a require() line without writing the module's name literally, so that this spec's own source
// holds no infrastructure import for the workspace-wide check below.
const requiring = (module: string) => `const { ensureTestInfra } = require('${module}');`;

describe('infrastructureImports', () => {
  it('finds the helpers that create a database, reach Redis or start a server', () => {
    const source = [
      "import { createTestDatabase, runTypescriptSync, type TestDatabase } from '@salle/testing';",
      "import {\n  startBundledApp,\n  testRedisUrl as redisUrl,\n} from '@salle/testing';",
      requiring('@salle/testing/infra'),
      "import { createDataSource } from '@salle/db';",
      "import { createRedis, type Redis } from '@salle/redis';",
    ].join('\n');
    expect(infrastructureImports(source)).toEqual([
      '@salle/testing: createTestDatabase',
      '@salle/testing: startBundledApp',
      '@salle/testing: testRedisUrl',
      '@salle/db: createDataSource',
      '@salle/redis: createRedis',
      '@salle/testing/infra: *',
    ]);
  });

  it('finds the PostgreSQL and Redis clients, whole modules or named', () => {
    expect(infrastructureImports("import { Client } from 'pg';\nimport Redis from 'ioredis';")).toEqual([
      'pg: Client',
      'ioredis: *',
    ]);
    expect(infrastructureImports("import * as testing from '@salle/testing';")).toEqual(['@salle/testing: *']);
  });

  it('accepts pure helpers and type-only imports', () => {
    const source = [
      "import { runTypescriptSync, freePort, fuzzSeed } from '@salle/testing';",
      "import type { DataSource } from 'typeorm';",
      "import type { Client } from 'pg';",
      "import { type Redis } from '@salle/redis';",
      "import { parseLocalDate } from '@salle/french-calendar';",
    ].join('\n');
    expect(infrastructureImports(source)).toEqual([]);
  });
});

describe('unit and integration specs', () => {
  const projects = projectRoots();

  it('finds the projects and their specs', () => {
    expect(projects).toEqual(expect.arrayContaining(['apps/booking', 'libs/db', 'tools/workspace-rules']));
    expect(specFiles('apps/booking', 'src').length).toBeGreaterThan(0);
    expect(specFiles('apps/booking', 'test').length).toBeGreaterThan(0);
  });

  it('keeps every spec that needs infrastructure out of src/ (such a spec belongs in test/)', () => {
    // unit-guard.spec.ts imports them on purpose: it proves that a unit target refuses them.
    const guardProof = 'tools/workspace-rules/src/unit-guard.spec.ts';
    const offending = projects
      .flatMap((project) => specFiles(project, 'src'))
      .filter((file) => file !== guardProof)
      .map((file) => ({
        file,
        imports: infrastructureImports(fs.readFileSync(path.join(workspaceRoot, file), 'utf8')),
      }))
      .filter(({ imports }) => imports.length > 0);
    expect(offending).toEqual([]);
  });

  it.each(projectRoots().map((project) => [project]))(
    '%s declares `test` for src/ specs and `integration` for test/ specs, each with its jest config',
    (project) => {
      const has = (file: string) => fs.existsSync(path.join(workspaceRoot, project, file));
      const expected = [
        ...(specFiles(project, 'src').length > 0 ? ['test'] : []),
        ...(specFiles(project, 'test').length > 0 ? ['integration'] : []),
      ];
      expect(declaredTestTargets(project).sort()).toEqual(expected.sort());
      expect(has('jest.config.cjs')).toBe(expected.includes('test'));
      expect(has('jest.integration.config.cjs')).toBe(expected.includes('integration'));
    },
  );
});

describe('integration specs run together (see specsTogether in @salle/testing)', () => {
  const read = (file: string) => fs.readFileSync(path.join(workspaceRoot, file), 'utf8');
  const integrationProjects = projectRoots().filter((project) => specFiles(project, 'test').length > 0);

  it('the integration target runs only each project’s test/all-specs.ts', () => {
    const nx = JSON.parse(read('nx.json')) as { targetDefaults: { integration: { command: string } } };
    expect(nx.targetDefaults.integration.command).toBe(
      'jest -c {projectRoot}/jest.integration.config.cjs --testMatch "**/test/all-specs.ts"',
    );
  });

  it.each(integrationProjects.map((project) => [project]))(
    '%s: test/all-specs.ts registers its folder, and its integration target keeps the shared command',
    (project) => {
      expect(read(`${project}/test/all-specs.ts`)).toMatch(/^specsTogether\(__dirname\);$/m);
      const manifest = JSON.parse(read(`${project}/package.json`)) as {
        nx: { targets: { integration: { command?: string; options?: unknown } } };
      };
      expect(manifest.nx.targets.integration).not.toHaveProperty('command');
      expect(manifest.nx.targets.integration).not.toHaveProperty('options');
    },
  );

  it('no integration spec changes what the specs of its project share', () => {
    // Focus (`.only`) would silence the other files' tests; a jest-wide timeout, a module mock or fake timers
    // left on would reach the files after it.
    const sharedChanges = [
      /\b(?:describe|it|test)\.only\(/,
      /\bjest\.setTimeout\(/,
      /\bjest\.(?:mock|doMock|unmock|enableAutomock)\(/,
      /\bjest\.useFakeTimers\((?![\s\S]*\bjest\.useRealTimers\()/,
    ];
    const offending = integrationProjects
      .flatMap((project) => specFiles(project, 'test'))
      .filter((file) => sharedChanges.some((pattern) => pattern.test(read(file))));
    expect(offending).toEqual([]);
  });
});
