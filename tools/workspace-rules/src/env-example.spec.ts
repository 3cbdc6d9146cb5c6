import fs from 'node:fs';
import path from 'node:path';
import { RETENTION_PERIODS } from '@salle/contracts';

const workspaceRoot = path.resolve(__dirname, '../../..');

/** Variable names declared in an app's `defineConfig({ NAME: env.xxx(...) })`. */
function configVariables(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  return [...source.matchAll(/^\s+([A-Z][A-Z0-9_]+):\s*(?:\w+\()?env\./gm)].map((match) => match[1] as string);
}

describe('.env.example', () => {
  const documented = new Set(
    [...fs.readFileSync(path.join(workspaceRoot, '.env.example'), 'utf8').matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map(
      (match) => match[1],
    ),
  );
  const configFiles = fs
    .readdirSync(path.join(workspaceRoot, 'apps'))
    .map((app) => path.join(workspaceRoot, 'apps', app, 'src/config.ts'))
    .filter((file) => fs.existsSync(file));

  it('finds the apps configurations', () => {
    expect(configFiles.length).toBeGreaterThanOrEqual(2);
  });

  it.each(configFiles.map((file) => [path.relative(workspaceRoot, file), file]))(
    'documents every variable of %s',
    (_name, file) => {
      const variables = configVariables(file);
      expect(variables.length).toBeGreaterThan(0);
      expect(variables.filter((variable) => !documented.has(variable))).toEqual([]);
    },
  );

  it('documents every retention period (read through retentionVariables, not env.*)', () => {
    expect(Object.keys(RETENTION_PERIODS).filter((variable) => !documented.has(variable))).toEqual([]);
  });
});
