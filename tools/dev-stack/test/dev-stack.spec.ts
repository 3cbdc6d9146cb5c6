import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, testRedisUrl } from '@salle/testing';

const workspaceRoot = path.resolve(__dirname, '../../..');

describe('npm start', () => {
  it('starts an embedded PostgreSQL and every app, prints the URL, and stops everything on Ctrl-C', async () => {
    const [
      pgPort,
      gatewayPort,
      bookingPort,
      sandboxPort,
      paymentPort,
      stripePort,
      mailPort,
      smtpPort,
      notificationPort,
      smsPort,
      payfipPort,
      registryPort,
      ...metricsPorts
    ] = await Promise.all(Array.from({ length: 16 }, () => freePort()));
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salle-dev-stack-'));
    fs.chmodSync(dataDir, 0o755); // PostgreSQL runs as the `postgres` user when we are root
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      REDIS_URL: testRedisUrl(),
      DEV_POSTGRES_PORT: String(pgPort),
      DEV_POSTGRES_DIR: path.join(dataDir, 'pg'),
      GATEWAY_PORT: String(gatewayPort),
      BOOKING_PORT: String(bookingPort),
      IDENTITY_SANDBOX_PORT: String(sandboxPort),
      PAYMENT_PORT: String(paymentPort),
      STRIPE_SANDBOX_PORT: String(stripePort),
      // The metrics listeners' fixed defaults would collide with another stack on the machine (the browser journey's).
      GATEWAY_METRICS_PORT: String(metricsPorts[0]),
      BOOKING_METRICS_PORT: String(metricsPorts[1]),
      PAYMENT_METRICS_PORT: String(metricsPorts[2]),
      NOTIFICATION_METRICS_PORT: String(metricsPorts[3]),
      MAIL_SANDBOX_PORT: String(mailPort),
      MAIL_SANDBOX_SMTP_PORT: String(smtpPort),
      NOTIFICATION_PORT: String(notificationPort),
      SMS_SANDBOX_PORT: String(smsPort),
      PAYFIP_SANDBOX_PORT: String(payfipPort),
      REGISTRY_SANDBOX_PORT: String(registryPort),
      // The booking service's files (the seed's illustrations among them) stay out of the workspace.
      STORAGE_LOCAL_DIR: path.join(dataDir, 'storage'),
    };
    const child = spawn(process.execPath, [path.join(workspaceRoot, 'tools/dev-stack/bin/start.cjs')], {
      cwd: workspaceRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, 'exit');
    let exitCode: number | null = null;
    try {
      const url = await new Promise<string>((resolve, reject) => {
        // Generous: it builds five apps and seeds a département, on a 2-core machine that may run other suites.
        const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 150_000);
        child.stdout.on('data', () => {
          const match = /is running: open (http:\/\/\S+)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.once('exit', () => reject(new Error(`npm start exited early:\n${output}`)));
      });
      expect(url).toBe(`http://127.0.0.1:${gatewayPort}`);
      expect(output).toContain(`embedded server on port ${pgPort}`);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<html lang="fr"');
      expect(html).toContain('id="root"');
      const discovery = await fetch(
        `http://127.0.0.1:${sandboxPort}/franceconnect/api/v2/.well-known/openid-configuration`,
      );
      expect(await discovery.json()).toMatchObject({ issuer: `http://127.0.0.1:${sandboxPort}/franceconnect/api/v2` });
      // The seeded Isère: its real collèges, visible to visitors through the gateway.
      const collèges = (await (await fetch(`${url}/api/booking/establishments?pageSize=100`)).json()) as {
        total: number;
        items: { uai: string }[];
      };
      expect(collèges.total).toBeGreaterThanOrEqual(90);
      expect(collèges.items.map((c) => c.uai)).toContain('0382111N');
      expect(output).toMatch(/seed: .*97/);
      // ...whose free slots a visitor finds as soon as the URL is printed.
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      const search = (await (
        await fetch(`${url}/api/booking/search?from=${day(14)}&to=${day(41)}&durationMinutes=120`)
      ).json()) as {
        items: { slots: unknown[]; space: { id: string; photo: { id: string; altText: string } | null } }[];
      };
      expect(search.items.length).toBeGreaterThan(0);
      expect(search.items.every((item) => item.slots.length > 0)).toBe(true);
      // ...each with the seed's illustration, served through the gateway from the folder the stack was given.
      const { space } = search.items[0] as (typeof search.items)[number];
      expect(space.photo?.altText).toMatch(/^Illustration .*pas une photo de ce lieu\.$/);
      const picture = await fetch(`${url}/api/booking/spaces/${space.id}/photos/${space.photo?.id}/400`);
      expect([picture.status, picture.headers.get('content-type')]).toEqual([200, 'image/webp']);
      // One file per drawing and size, shared by the spaces of a kind, not one per space.
      expect(fs.readdirSync(path.join(dataDir, 'storage/objects/space-photos'))).toEqual(['shared']);
      const shared = fs.readdirSync(path.join(dataDir, 'storage/objects/space-photos/shared'));
      expect(shared.length).toBeGreaterThan(0);
      for (const name of shared) expect(name).toMatch(/^illustration-[a-z_]+-[0-9a-f]{12}-(400|1200)$/);
      for (const port of [paymentPort, stripePort, payfipPort, mailPort, notificationPort])
        expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(output).toContain(
        `PAYFIP SANDBOX: the PayFiP payment page and SOAP web-service, no money moves: http://127.0.0.1:${payfipPort}`,
      );
      // The mail sandbox's inbox is printed, and says what it is.
      expect(output).toContain(
        `MAIL SANDBOX: every e-mail the stack sends lands in this inbox and reaches nobody: http://127.0.0.1:${mailPort}`,
      );
      expect(await (await fetch(`http://127.0.0.1:${mailPort}/`)).text()).toContain('n’ont été remis à personne');
      const ready = await fetch(`http://127.0.0.1:${bookingPort}/readyz`);
      expect(await ready.json()).toEqual({ status: 'ready', checks: { postgres: 'up', redis: 'up' } });
    } catch (error) {
      // Said with the stack's own output, which a check of the exit code alone would not show.
      throw new Error(`${(error as Error).message}\n--- npm start printed ---\n${output.slice(-6000)}`, {
        cause: error,
      });
    } finally {
      if (process.env['DEV_STACK_DEBUG']) fs.writeFileSync(process.env['DEV_STACK_DEBUG'], output);
      child.kill('SIGINT');
      exitCode = (await exited)[0] as number | null;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    if (exitCode !== 0) throw new Error(`npm start exited with ${exitCode} on Ctrl-C:\n${output.slice(-6000)}`);
    expect(output).toContain('» stopped.');
    await expect(fetch(`http://127.0.0.1:${gatewayPort}/healthz`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${bookingPort}/healthz`)).rejects.toThrow();
    for (const port of [sandboxPort, paymentPort, stripePort, payfipPort, mailPort, notificationPort])
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  }, 180_000);
});
