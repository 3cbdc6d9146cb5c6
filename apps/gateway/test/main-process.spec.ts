import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBundledAppToExit, createTestDatabase, freePort, testRedisUrl, type TestDatabase } from '@salle/testing';
import { startAppProcess } from './support/identity-sandbox-process';

describe('main.ts', () => {
  it('refuses to start in production with every bad setting named at once, one line each', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salle-legal-'));
    const file = path.join(dir, 'site.json');
    // Complete but for the host's name and the director of publication.
    const site = JSON.parse(fs.readFileSync(path.join(__dirname, '../../web/public/config.json'), 'utf8')) as {
      legal: { notice: { host: Record<string, unknown>; publicationDirector?: string } };
    };
    delete site.legal.notice.host['name'];
    delete site.legal.notice.publicationDirector;
    fs.writeFileSync(file, JSON.stringify(site));
    fs.cpSync(path.join(__dirname, '../../web/public/branding'), path.join(dir, 'branding'), { recursive: true });
    const { code, stderr } = await runBundledAppToExit('gateway', {
      NODE_ENV: 'production',
      GATEWAY_SITE_CONFIG: file,
      DATABASE_URL: 'postgres://salle:change-me@127.0.0.1:1/never',
      GATEWAY_PUBLIC_URL: 'http://salles.isere.fr',
      DEPARTMENT_ADMIN_EMAILS: 'marie.curie@isere.fr,nathalie.roux@agents.sandbox.test',
      PROCONNECT_CLIENT_SECRET: 'another-real-secret-value',
    });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      `Configuration error: legal in ${file} is missing: expected every field of the legal pages (required when NODE_ENV=production); missing or invalid: legal.notice.publicationDirector, legal.notice.host.name`,
      'Configuration error: INTERNAL_SIGNING_KEY is missing: expected a private EC P-256 JWK in JSON (required when NODE_ENV=production)',
      'Configuration error: FRANCECONNECT_CLIENT_SECRET is missing: expected the secret given by the federation (the sandbox default is refused when NODE_ENV=production)',
      'Configuration error: GATEWAY_CLIENT_PSEUDONYM_SECRET is missing: expected a random secret of 32 characters or more (the sandbox default is refused when NODE_ENV=production)',
      'Configuration error: DEPARTMENT_ADMIN_EMAILS is invalid: expected the ProConnect e-mails of the département’s administrators (the sandbox’s are refused when NODE_ENV=production)',
      'Configuration error: GATEWAY_PUBLIC_URL is invalid: expected an https:// URL (http:// is refused when NODE_ENV=production)',
      'Configuration error: DATABASE_URL is invalid: expected a PostgreSQL URL with a strong password: at least 12 characters, none of change-me, postgres, password or the user name (required when NODE_ENV=production)',
    ]);
    expect(stderr).not.toContain('change-me@');
  });

  it('refuses to start with a theme colour below WCAG AA, in one line naming it and its contrast', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salle-theme-'));
    const file = path.join(dir, 'drome.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ departmentName: 'Département de la Drôme', theme: { primaryColor: '#7fb2e5' } }),
    );
    const { code, stderr } = await runBundledAppToExit('gateway', {
      NODE_ENV: 'development',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/never',
      GATEWAY_SITE_CONFIG: file,
    });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `Configuration error: theme.primaryColor in ${file} is invalid: expected a colour meeting WCAG AA: #7fb2e5 has a contrast of 2.23:1 with white text on it (buttons), below the 4.5:1 of WCAG AA\n`,
    );
  });

  describe('in development', () => {
    let database: TestDatabase;
    let gateway: Awaited<ReturnType<typeof startAppProcess>> | undefined;

    beforeAll(async () => {
      database = await createTestDatabase('gateway_main');
    });
    afterAll(async () => {
      await gateway?.stop();
      await database?.drop();
    });

    it('generates a signing key with a warning, serves its JWKS and the home page, and stops cleanly', async () => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      gateway = await startAppProcess(
        'gateway',
        {
          NODE_ENV: 'development',
          // Info lines too: the test waits for the one saying the gateway is listening.
          LOG_LEVEL: 'info',
          GATEWAY_PORT: String(port),
          GATEWAY_METRICS_PORT: String(await freePort()),
          GATEWAY_PUBLIC_URL: url,
          DATABASE_URL: database.url,
          REDIS_URL: testRedisUrl(),
          GATEWAY_WEB_DIR: '/nonexistent/web',
        },
        url,
      );
      expect(gateway.output()).toContain('INTERNAL_SIGNING_KEY is not set');
      const jwks = (await (await fetch(`${url}/.well-known/internal-jwks.json`)).json()) as { keys: unknown[] };
      expect(jwks.keys).toHaveLength(1);
      expect(await (await fetch(`${url}/`)).text()).toContain('S’identifier avec');
      // The listener answers before the background workers have started and the signal handlers are set
      // (`listening` is logged then): a SIGTERM in between ends the process without its graceful stop.
      const started = gateway;
      const deadline = Date.now() + 15_000;
      while (!started.output().includes('gateway listening') && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(started.output()).toContain('gateway listening');
      const exited = new Promise((resolve) => started.child.once('exit', resolve));
      started.child.kill('SIGTERM');
      expect(await exited).toBe(0);
    });
  });
});
