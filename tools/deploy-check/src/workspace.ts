import fs from 'node:fs';
import path from 'node:path';

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

/** The variables an app's configuration reads: the keys of its `defineConfig({ ... })` in src/config.ts. */
export function configVariables(app: string): Set<string> {
  const source = readWorkspaceFile(`apps/${app}/src/config.ts`);
  return new Set([...source.matchAll(/^ {4}([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1] as string));
}

/** `NAME=value` lines of an env file (comments and blank lines skipped). */
export function envFileKeys(text: string): string[] {
  return [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1] as string);
}
