import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { configVariables, envFileKeys, readWorkspaceFile, serviceApps, workspaceRoot } from './workspace';

interface ComposeService {
  image?: string;
  build?: { args?: Record<string, string> };
  healthcheck?: { test?: string[] };
  environment?: Record<string, string | number>;
  env_file?: string | string[];
  ports?: string[];
  networks?: string[];
  depends_on?: Record<string, { condition: string }>;
}

const composeText = readWorkspaceFile('docker-compose.yml');
const compose = parse(composeText, { merge: true }) as { services: Record<string, ComposeService> };
const apps = serviceApps();
const PASSWORD = /\$\{POSTGRES_PASSWORD:\?set POSTGRES_PASSWORD in \.env[^}]*\}/;

/** Every variable a container receives: its `environment` and the keys of its env files' committed templates. */
function containerVariables(service: ComposeService): string[] {
  const envFiles = [service.env_file ?? []].flat();
  const fromFiles = envFiles.flatMap((file) =>
    envFileKeys(fs.readFileSync(path.join(workspaceRoot, `${file}.example`), 'utf8')),
  );
  return [...Object.keys(service.environment ?? {}), ...fromFiles];
}

/** Variables that hold a secret: whoever gets one must be the app that reads it. */
const SECRETS = [
  'DATABASE_URL',
  'INTERNAL_SIGNING_KEY',
  'FRANCECONNECT_CLIENT_SECRET',
  'PROCONNECT_CLIENT_SECRET',
  'GATEWAY_CLIENT_PSEUDONYM_SECRET',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRETS',
  'STRIPE_CONNECT_WEBHOOK_SECRETS',
  'SMTP_URL',
  'DKIM_PRIVATE_KEY',
  'STORAGE_S3_SECRET_ACCESS_KEY',
];

describe('docker-compose.yml', () => {
  it('runs Caddy, PostgreSQL 16 and Redis 7 beside the services', () => {
    expect(compose.services['caddy']?.image).toBe('caddy:2');
    expect(compose.services['postgres']?.image).toBe('postgres:16');
    expect(compose.services['redis']?.image).toBe('redis:7');
  });

  it('publishes the reverse proxy only, on 80 and 443, with the Caddyfile of deploy/', () => {
    const publishing = Object.entries(compose.services).filter(([, service]) => service.ports?.length);
    expect(publishing.map(([name]) => name)).toEqual(['caddy']);
    expect(compose.services['caddy']?.ports).toEqual(['80:80', '443:443', '443:443/udp']);
    expect(readWorkspaceFile('deploy/Caddyfile')).toMatch(/reverse_proxy gateway:3000/);
  });

  it('keeps the proxy on the edge network, which only the gateway shares with it', () => {
    const onEdge = Object.entries(compose.services).filter(([, service]) => service.networks?.includes('edge'));
    expect(onEdge.map(([name]) => name).sort()).toEqual(['caddy', 'gateway']);
    expect(compose.services['gateway']?.environment?.['GATEWAY_TRUST_PROXY_HOPS']).toBe(1);
  });

  it.each(apps)('builds %s from the shared Dockerfile, in production, and checks its readiness', (app) => {
    const service = compose.services[app];
    expect(service?.build?.args?.['APP']).toBe(app);
    expect(service?.healthcheck?.test?.join(' ')).toContain('/readyz');
    expect(service?.depends_on?.['postgres-password']?.condition).toBe('service_completed_successfully');
    expect(service?.environment?.['NODE_ENV']).toBe('production');
  });

  it.each(apps)('gives %s only variables its configuration reads', (app) => {
    const read = configVariables(app);
    expect(read.size).toBeGreaterThan(5);
    expect(containerVariables(compose.services[app] as ComposeService).filter((name) => !read.has(name))).toEqual([]);
  });

  it.each(SECRETS)('gives %s to the apps that read it and to no other container', (secret) => {
    const holders = Object.entries(compose.services)
      .filter(([, service]) => containerVariables(service).includes(secret))
      .map(([name]) => name)
      .sort();
    expect(holders.length).toBeGreaterThan(0);
    expect(holders.filter((name) => !apps.includes(name) || !configVariables(name).has(secret))).toEqual([]);
  });

  it('keeps each env file of secrets out of git and out of the build context', () => {
    expect(readWorkspaceFile('.gitignore')).toMatch(/^deploy\/compose\/\*\.env$/m);
    expect(readWorkspaceFile('.dockerignore')).toMatch(/^deploy\/compose\/\*\.env$/m);
  });

  it('uses one database password: the PostgreSQL container, the job that sets it again, and every DATABASE_URL', () => {
    expect(compose.services['postgres']?.environment?.['POSTGRES_PASSWORD']).toMatch(PASSWORD);
    expect(compose.services['postgres-password']?.environment?.['POSTGRES_PASSWORD']).toMatch(PASSWORD);
    for (const app of apps) {
      expect(compose.services[app]?.environment?.['DATABASE_URL']).toMatch(
        new RegExp(`^postgres://salle:${PASSWORD.source}@postgres:5432/salle$`),
      );
    }
    // Written once in the file, as the YAML anchor every service uses.
    expect(composeText.match(/^x-database-url: &database-url /gm)).toHaveLength(1);
    expect(composeText.match(/DATABASE_URL: \*database-url$/gm)).toHaveLength(apps.length);
  });

  it('documents in .env.example the three variables compose reads from .env', () => {
    const documented = envFileKeys(readWorkspaceFile('.env.example'));
    const interpolated = new Set([...composeText.matchAll(/\$\{([A-Z_]+)[:}]/g)].map((match) => match[1]));
    expect([...interpolated].sort()).toEqual(['ACME_EMAIL', 'POSTGRES_PASSWORD', 'SITE_ADDRESS']);
    expect([...interpolated].filter((name) => !documented.includes(name as string))).toEqual([]);
  });
});
