import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const workspaceRoot = path.resolve(__dirname, '../../..');

interface ComposeService {
  image?: string;
  build?: { args?: Record<string, string> };
  healthcheck?: { test?: string[] };
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
}

describe('docker-compose.yml', () => {
  const compose = parse(fs.readFileSync(path.join(workspaceRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  const apps = fs
    .readdirSync(path.join(workspaceRoot, 'apps'))
    .filter((app) => fs.existsSync(path.join(workspaceRoot, 'apps', app, 'src/main.ts')))
    .filter((app) =>
      fs.readFileSync(path.join(workspaceRoot, 'apps', app, 'src/main.ts'), 'utf8').includes('runService'),
    );

  it('runs PostgreSQL 16 and Redis 7', () => {
    expect(compose.services['postgres']?.image).toBe('postgres:16');
    expect(compose.services['redis']?.image).toBe('redis:7');
  });

  it.each(apps)('builds %s from the shared Dockerfile and checks its readiness', (app) => {
    const service = compose.services[app];
    expect(service?.build?.args?.['APP']).toBe(app);
    expect(service?.healthcheck?.test?.join(' ')).toContain('/readyz');
    expect(service?.depends_on?.['postgres']?.condition).toBe('service_healthy');
    expect(service?.environment?.['DATABASE_URL']).toMatch(/@postgres:5432\//);
  });

  it.each(apps)(
    'runs %s in production with a database password that has no default, so none that production refuses',
    (app) => {
      const service = compose.services[app];
      expect(service?.environment?.['NODE_ENV']).toBe('production');
      expect(service?.environment?.['DATABASE_URL']).toMatch(/^postgres:\/\/salle:\$\{POSTGRES_PASSWORD:\?[^}]+\}@/);
      expect(compose.services['postgres']?.environment?.['POSTGRES_PASSWORD']).toMatch(
        /^\$\{POSTGRES_PASSWORD:\?set POSTGRES_PASSWORD in \.env/,
      );
    },
  );
});
