import fs from 'node:fs';
import path from 'node:path';
import { baseUrl } from '../src/browser-kit';
import { startedStack } from '../src/stack/dev-stack';

// `npm start` as a newcomer runs it: the suite's global setup started it with a newcomer's environment (no
// DATABASE_URL, no Redis), and its teardown proves that Ctrl-C stops every app, listener and the embedded
// PostgreSQL. Here: what the launcher printed and what a newcomer finds at the URL. One start serves this spec
// and the journeys, rather than a start of its own (40 CPU seconds on a 2-core machine).
const stack = startedStack();
const port = (variable: string): string => {
  const value = stack?.ports[variable];
  if (!value) throw new Error(`no ${variable} in the stack's ports`);
  return value;
};
const at = (variable: string) => `http://127.0.0.1:${port(variable)}`;
const printed = () => fs.readFileSync(stack?.logFile ?? '', 'utf8');

// Against a stack given by E2E_BASE_URL, the suite did not start it: nothing to say about its start.
(stack ? describe : describe.skip)('npm start, as the journeys found it', () => {
  it('printed the gateway as the URL to open, after starting the embedded PostgreSQL and seeding the Isère', () => {
    expect(baseUrl()).toBe(at('GATEWAY_PORT'));
    const output = printed();
    expect(output).toContain(`is running: open ${at('GATEWAY_PORT')}`);
    expect(output).toContain(`embedded server on port ${port('DEV_POSTGRES_PORT')}`);
    expect(output).toMatch(/seed: .*97/);
    expect(output).toContain(
      `PAYFIP SANDBOX: the PayFiP payment page and SOAP web-service, no money moves: ${at('PAYFIP_SANDBOX_PORT')}`,
    );
    expect(output).toContain(
      `MAIL SANDBOX: every e-mail the stack sends lands in this inbox and reaches nobody: ${at('MAIL_SANDBOX_PORT')}`,
    );
  });

  it('serves the French web app, the identity sandbox and every service', async () => {
    const page = await fetch(baseUrl());
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('id="root"');
    const issuer = `${at('IDENTITY_SANDBOX_PORT')}/franceconnect/api/v2`;
    const discovery = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(await discovery.json()).toMatchObject({ issuer });
    for (const variable of [
      'PAYMENT_PORT',
      'STRIPE_SANDBOX_PORT',
      'PAYFIP_SANDBOX_PORT',
      'MAIL_SANDBOX_PORT',
      'NOTIFICATION_PORT',
      'SMS_SANDBOX_PORT',
      'REGISTRY_SANDBOX_PORT',
    ])
      expect([variable, (await fetch(`${at(variable)}/healthz`)).status]).toEqual([variable, 200]);
    expect(await (await fetch(`${at('MAIL_SANDBOX_PORT')}/`)).text()).toContain('n’ont été remis à personne');
    const ready = await fetch(`${at('BOOKING_PORT')}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { postgres: 'up', redis: 'up' } });
  });

  it('shows visitors the seeded collèges and their free slots, each space with its illustration', async () => {
    const collèges = (await (await fetch(`${baseUrl()}/api/booking/establishments?pageSize=100`)).json()) as {
      total: number;
      items: { uai: string }[];
    };
    expect(collèges.total).toBeGreaterThanOrEqual(90);
    expect(collèges.items.map((c) => c.uai)).toContain('0382111N');
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const search = (await (
      await fetch(`${baseUrl()}/api/booking/search?from=${day(14)}&to=${day(41)}&durationMinutes=120`)
    ).json()) as {
      items: { slots: unknown[]; space: { id: string; photo: { id: string; altText: string } | null } }[];
    };
    expect(search.items.length).toBeGreaterThan(0);
    expect(search.items.every((item) => item.slots.length > 0)).toBe(true);
    // Served through the gateway from the folder the stack was given.
    const { space } = search.items[0] as (typeof search.items)[number];
    expect(space.photo?.altText).toMatch(/^Illustration .*pas une photo de ce lieu\.$/);
    const picture = await fetch(`${baseUrl()}/api/booking/spaces/${space.id}/photos/${space.photo?.id}/400`);
    expect([picture.status, picture.headers.get('content-type')]).toEqual([200, 'image/webp']);
    // One file per drawing and size, shared by the spaces of a kind, not one per space.
    const photos = path.join(stack?.storageDir ?? '', 'objects/space-photos');
    expect(fs.readdirSync(photos)).toEqual(['shared']);
    const shared = fs.readdirSync(path.join(photos, 'shared'));
    expect(shared.length).toBeGreaterThan(0);
    for (const name of shared) expect(name).toMatch(/^illustration-[a-z_]+-[0-9a-f]{12}-(400|1200)$/);
  });
});
