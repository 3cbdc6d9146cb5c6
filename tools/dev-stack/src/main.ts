import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { awaitMaterialisedAvailability, bookingObjectStore, seedIsere } from '@salle/seed';
import { waitForPort } from '@salle/testing';
import { DEV_APPS, ENTRY_APP } from './apps';
import { startDevDatabase, type DevDatabase } from './postgres';
import { startNodeApp, stopAll, type ManagedProcess } from './processes';
import { startDevRedis, type DevRedis } from './redis';

const workspaceRoot = path.resolve(__dirname, '../../..');
const log = (line: string) => process.stdout.write(`» ${line}\n`);

async function waitUntilReady(url: string, child: ManagedProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.child.exitCode !== null)
      throw new Error(`${child.name} stopped during start-up (exit code ${child.child.exitCode}).`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${child.name} was not ready after ${timeoutMs / 1000} s.`);
}

async function main() {
  let database: DevDatabase | undefined;
  let redis: DevRedis | undefined;
  const processes: ManagedProcess[] = [];
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping...');
    await stopAll(processes);
    await redis?.stop();
    await database?.stop();
    log('stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    database = await startDevDatabase(workspaceRoot, log);
    redis = await startDevRedis(log);

    log(`building ${DEV_APPS.length} services and the web app...`);
    for (const app of DEV_APPS) {
      execFileSync(process.execPath, [path.join(workspaceRoot, 'tools/build/build-app.cjs'), `apps/${app.name}`], {
        cwd: workspaceRoot,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    }
    const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js');
    // `npm run dev` (WEB_DEV=1): Vite's dev server with hot reload behind the gateway;
    // `npm start`: the gateway serves the production build of dist/apps/web.
    const webDev = process.env['WEB_DEV'] === '1';
    // GATEWAY_WEB_DIR given: the gateway serves that folder, so a build of dist/apps/web would serve nobody
    // (the browser journey gives the build it made for its run; 13 CPU seconds saved on a 2-core machine).
    if (!webDev && !process.env['GATEWAY_WEB_DIR']) {
      execFileSync(process.execPath, [vite, 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'], {
        cwd: workspaceRoot,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    }

    const env: NodeJS.ProcessEnv = {
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      ...process.env,
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
    };
    const ports: Record<string, number> = Object.fromEntries(
      DEV_APPS.map((app) => [app.name, Number(process.env[app.portVariable] ?? app.port)]),
    );
    if (webDev) {
      ports['web'] = Number(process.env['WEB_DEV_PORT'] ?? 4200);
      const web = startNodeApp('web', vite, { ...env, WEB_DEV_PORT: String(ports['web']) }, workspaceRoot, [
        '--config',
        'apps/web/vite.config.mts',
      ]);
      processes.push(web);
      await waitForPort('127.0.0.1', ports['web'], 60_000);
      log(`web dev server ready on http://127.0.0.1:${ports['web']} (open the gateway's URL, not this one)`);
    }
    const notes: string[] = [];
    for (const app of DEV_APPS) {
      const port = ports[app.name] as number;
      const appEnv = { ...env, ...app.links(ports), ...process.env, [app.portVariable]: String(port) };
      const managed = startNodeApp(
        app.name,
        path.join(workspaceRoot, `dist/apps/${app.name}/main.js`),
        appEnv,
        workspaceRoot,
      );
      processes.push(managed);
      void managed.exited.then((code) => {
        if (!stopping) {
          log(`${app.name} stopped unexpectedly (exit code ${code}): stopping everything.`);
          void shutdown(1);
        }
      });
      await waitUntilReady(`http://127.0.0.1:${port}`, managed);
      log(`${app.name} ready on http://127.0.0.1:${port}`);
      if (app.readyNote) notes.push(`${app.readyNote}: http://127.0.0.1:${port}`);
      // The booking service has migrated its schema: fill it once with a believable Isère.
      if (app.name === 'booking' && process.env['SEED'] !== 'off') {
        // Each space gets an illustration of its kind, written where this booking service reads its photos.
        const photos = bookingObjectStore(appEnv, workspaceRoot);
        await seedIsere(database.url, { log, photos }).finally(() => photos.close());
        // So that the first search already finds the seeded spaces' free slots.
        await awaitMaterialisedAvailability(database.url, { log, intervalMs: 2_000 });
      }
    }

    log('');
    for (const note of notes) log(note);
    log(`Salle sur demande is running: open http://127.0.0.1:${ports[ENTRY_APP]}`);
    log('Press Ctrl-C to stop everything.');
  } catch (error) {
    process.stderr.write(`npm start: ${(error as Error).message}\n`);
    await shutdown(1);
  }
}

void main();
