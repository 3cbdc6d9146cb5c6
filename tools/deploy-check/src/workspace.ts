import fs from 'node:fs';
import path from 'node:path';
import { RETENTION_PERIODS } from '@salle/contracts';

export const workspaceRoot = path.resolve(__dirname, '../../..');

export function readWorkspaceFile(relativePath: string): string {
  return fs.readFileSync(path.join(workspaceRoot, relativePath), 'utf8');
}

/** The apps deployed as services (their main runs `runService`), not the sandboxes a deployment replaces. */
export function serviceApps(): string[] {
  const sandboxes = ['identity-sandbox', 'stripe-sandbox', 'payfip-sandbox', 'mail-sandbox'];
  return fs
    .readdirSync(path.join(workspaceRoot, 'apps'))
    .filter((app) => !sandboxes.includes(app))
    .filter((app) => fs.existsSync(path.join(workspaceRoot, 'apps', app, 'src/main.ts')))
    .filter((app) => readWorkspaceFile(`apps/${app}/src/main.ts`).includes('runService'))
    .sort();
}

/**
 * The variables an app's configuration reads: the keys of its `defineConfig({ ... })` in src/config.ts, and the
 * retention periods it spreads in (`retentionVariables('…')`, or every one with `allRetentionVariables()`).
 */
export function configVariables(app: string): Set<string> {
  const source = readWorkspaceFile(`apps/${app}/src/config.ts`);
  const keys = [...source.matchAll(/^ {4}([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1] as string);
  return new Set([...keys, ...retentionVariablesRead(source)]);
}

/** The retention periods (RETENTION_PERIODS) a config.ts source reads through @salle/config. */
function retentionVariablesRead(source: string): string[] {
  if (/\ballRetentionVariables\(\)/.test(source)) return Object.keys(RETENTION_PERIODS);
  return [...source.matchAll(/\bretentionVariables\(([^)]*)\)/g)].flatMap((call) =>
    [...(call[1] ?? '').matchAll(/'([A-Z][A-Z0-9_]+)'/g)].map((name) => name[1] as string),
  );
}

/**
 * The retention periods and the apps that read each: the gateway publishes them all on the personal-data page,
 * the one service that enforces a period reads it too. Both must receive the same value (docs/privacy.md).
 */
export function retentionReaders(apps: readonly string[]): Map<string, string[]> {
  const variables = new Map(apps.map((app) => [app, configVariables(app)]));
  return new Map(
    Object.keys(RETENTION_PERIODS).map((name) => [name, apps.filter((app) => variables.get(app)?.has(name))]),
  );
}

/**
 * What breaks the agreement of the retention periods in `environments` (each app's variables as its container
 * gets them): a period that the gateway and the service enforcing it do not both receive with the same value
 * (both unset is fine: each takes the default of RETENTION_PERIODS). Empty when none.
 */
export function retentionDisagreements(
  environments: ReadonlyMap<string, Readonly<Record<string, string | undefined>>>,
  readers: ReadonlyMap<string, readonly string[]>,
): string[] {
  return [...readers].flatMap(([name, apps]) => {
    const values = apps.map((app) => environments.get(app)?.[name]);
    if (values.every((value) => value === values[0])) return [];
    return [`${name}: ${apps.map((app, index) => `${app}=${values[index] ?? '(default)'}`).join(', ')}`];
  });
}

/** `NAME=value` lines of an env file (comments and blank lines skipped). */
export function envFileKeys(text: string): string[] {
  return [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1] as string);
}
