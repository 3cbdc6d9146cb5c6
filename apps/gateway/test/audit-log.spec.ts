// « Journal d’audit »: GET /api/audit-entries merges the audit logs of the real booking, notification and payment
// services (child processes) and the gateway's own, newest first, paged by cursor, filtered, exported as CSV;
// admins read everything, a collège's manager their collège's entries only, anyone else nothing.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Browser } from '@salle/testing';
import type { AuditEntry, AuditPage } from '@salle/contracts';
import { declareOrganisation, fromSite } from './support/privacy-services';
import { startPrivacyStack, type PrivacyStack } from './support/privacy-stack';

let stack: PrivacyStack;

beforeAll(async () => {
  stack = await startPrivacyStack('gateway_audit');
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

async function call<T>(browser: Browser, path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const response = await browser.request(`${stack.gateway.url}${path}`, init);
  const text = await response.text();
  return { status: response.status, body: (text.startsWith('{') ? JSON.parse(text) : text) as T };
}

const send = async <T>(browser: Browser, method: 'POST' | 'PUT' | 'PATCH', path: string, body?: unknown) => {
  const init = fromSite(stack.gateway.url, method === 'PATCH' ? 'PUT' : method, body);
  const answer = await call<T>(browser, path, { ...init, method });
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
};

const establishmentBody = (uai: string, siret: string, name: string) => ({
  uai,
  siret,
  name,
  address: '1 cours La Fontaine',
  postalCode: '38000',
  communeName: 'Grenoble',
  communeInsee: '38185',
  latitude: 45.1885,
  longitude: 5.7245,
  schoolZone: 'A',
  status: 'active',
});

const spaceBody = {
  kind: 'gymnasium',
  name: 'Gymnase',
  capacity: 120,
  areaM2: 900,
  equipment: [],
  stepFreeAccess: true,
  description: '',
  photoUrls: [],
  bufferMinutes: 0,
  minDurationMinutes: 60,
  maxDurationMinutes: 240,
  minNoticeHours: 48,
  maxHorizonDays: 365,
  approvalRequired: true,
  allowedCategories: ['association'],
  closedOnPublicHolidays: false,
  active: true,
};

async function allPages(browser: Browser, filters: string, limit: number): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const query = `${filters}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const answer = await call<AuditPage>(browser, `/api/audit-entries?${query}`);
    expect(answer.status).toBe(200);
    entries.push(...answer.body.items);
    cursor = answer.body.nextCursor;
    if (!cursor) return entries;
  }
  throw new Error('too many pages');
}

describe('the audit log across services', () => {
  let admin: Browser;
  let agent: Browser;
  let member: Browser;
  let champollion: string;
  let stendhal: string;
  let spaceId: string;
  let flagId: string;
  let organisationId: string;

  beforeAll(async () => {
    admin = await stack.loggedIn('proconnect', 'Nathalie ROUX');
    champollion = (
      await send<{ id: string }>(
        admin,
        'POST',
        '/api/booking/establishments',
        establishmentBody('0382111N', '99990038421115', 'Collège Champollion'),
      )
    ).id;
    stendhal = (
      await send<{ id: string }>(
        admin,
        'POST',
        '/api/booking/establishments',
        establishmentBody('0380111P', '99990050900012', 'Collège Stendhal'),
      )
    ).id;
    // Claire MARTIN's SIRET is Champollion's: she manages it, not Stendhal.
    agent = await stack.loggedIn('proconnect', 'Claire MARTIN');
    spaceId = (
      await send<{ id: string }>(agent, 'POST', `/api/booking/establishments/${champollion}/spaces`, spaceBody)
    ).id;
    await send(agent, 'PATCH', `/api/booking/spaces/${spaceId}`, { name: 'Grand gymnase', capacity: 150 });
    await send(agent, 'PUT', `/api/booking/spaces/${spaceId}/tariffs`, {
      tariffs: [{ category: 'association', hourlyCents: 1500 }],
    });
    member = await stack.loggedIn('franceconnect', 'test');
    organisationId = await declareOrganisation(
      (url, init) => member.request(url, init),
      stack.gateway.url,
      'Basket Club',
      'W381000123',
    );
    await send(member, 'POST', `/api/booking/organisations/${organisationId}/calendar-link`);
    await send(member, 'PUT', '/api/notification/me/preferences', {
      items: [{ kind: 'session_reminder', channel: 'email', enabled: false }],
    });
    // A money problem payment raised (as a webhook would), handled by the admin through the API.
    flagId = randomUUID();
    const client = new Client({ connectionString: stack.database.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO payment.payment_flag (id, kind, dedupe_key, detail) VALUES ($1, 'dispute', $2, 'Contestation')`,
        [flagId, `dispute:${flagId}`],
      );
    } finally {
      await client.end();
    }
    await send(admin, 'POST', `/api/payment/admin/flags/${flagId}/resolve`, { action: 'dismiss', note: 'vu' });
  }, 60_000);

  it('shows admins every service’s entries, newest first, with who, what, which object and the changes', async () => {
    const answer = await call<AuditPage>(admin, '/api/audit-entries?limit=200');
    expect(answer.status).toBe(200);
    const entries = answer.body.items;
    const sorted = [...entries].sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? 1 : -1));
    expect(entries.map((entry) => entry.at)).toEqual(sorted.map((entry) => entry.at));
    const find = (action: string) => entries.find((entry) => entry.action === action);
    expect(find('establishment.created')).toMatchObject({ service: 'booking', actorRole: 'department_admin' });
    expect(find('space.updated')).toMatchObject({
      service: 'booking',
      actorRole: 'establishment_manager',
      objectType: 'space',
      objectId: spaceId,
      establishmentId: champollion,
      changes: {
        name: { before: 'Gymnase', after: 'Grand gymnase' },
        capacity: { before: 120, after: 150 },
      },
    });
    expect(find('space.tariffs_replaced')?.changes['tariffs']?.after).toEqual([
      expect.objectContaining({ category: 'association', hourlyCents: 1500 }),
    ]);
    expect(find('preferences.updated')).toMatchObject({
      service: 'notification',
      actorRole: 'account_holder',
      changes: { 'session_reminder.email': { before: null, after: false } },
    });
    expect(find('flag.resolved')).toMatchObject({
      service: 'payment',
      actorRole: 'department_admin',
      objectId: flagId,
      changes: { resolution: { before: null, after: 'dismiss' } },
    });
    // No person's name, e-mail or phone in the log: ids only.
    expect(JSON.stringify(entries)).not.toMatch(/MARTIN|ROUX|@|Basket/);
  });

  it('pages by cursor without gaps or repeats, and filters by service, action, collège and period', async () => {
    const whole = await allPages(admin, 'service=booking', 200);
    const paged = await allPages(admin, 'service=booking', 2);
    expect(paged.map((entry) => entry.id)).toEqual(whole.map((entry) => entry.id));
    expect(new Set(paged.map((entry) => entry.id)).size).toBe(paged.length);
    expect(whole.every((entry) => entry.service === 'booking')).toBe(true);

    const mixed = await allPages(admin, 'x=1', 3);
    expect(new Set(mixed.map((entry) => entry.service))).toEqual(new Set(['booking', 'notification', 'payment']));

    const updates = await allPages(admin, 'action=space.updated', 50);
    expect(updates.map((entry) => entry.objectId)).toEqual([spaceId]);
    const ofStendhal = await allPages(admin, `establishmentId=${stendhal}`, 50);
    expect(ofStendhal.map((entry) => entry.action)).toEqual(['establishment.created']);
    const future = await allPages(admin, `from=${new Date(Date.now() + 3_600_000).toISOString()}`, 50);
    expect(future).toEqual([]);
  });

  it('shows a manager their collège’s entries only, and refuses another collège, members and visitors', async () => {
    const own = await allPages(agent, 'x=1', 200);
    expect(own.length).toBeGreaterThanOrEqual(4);
    expect(own.every((entry) => entry.establishmentId === champollion)).toBe(true);

    const other = await call<{ code: string }>(agent, `/api/audit-entries?establishmentId=${stendhal}`);
    expect(other.status).toBe(403);
    const otherCsv = await call(agent, `/api/audit-entries.csv?establishmentId=${stendhal}`);
    expect(otherCsv.status).toBe(403);
    expect((await call(member, '/api/audit-entries')).status).toBe(403);
    expect((await call(member, '/api/audit-entries.csv')).status).toBe(403);
    const visitor = await new Browser().request(`${stack.gateway.url}/api/audit-entries`);
    expect(visitor.status).toBe(401);
    expect(visitor.headers.get('content-type')).toContain('application/problem+json');
    const badCursor = await call<{ errors: { field: string }[] }>(admin, '/api/audit-entries?cursor=nimporte');
    expect(badCursor.status).toBe(400);
  });

  it('shows an organisation’s own changes to admins, with French labels, and not to a collège’s manager', async () => {
    const ofClub = await allPages(admin, `organisationId=${organisationId}`, 50);
    expect(
      ofClub.map(({ service, action, actorRole, objectId }) => ({ service, action, actorRole, objectId })),
    ).toEqual([
      {
        service: 'booking',
        action: 'organisation.calendar_link_rotated',
        actorRole: 'organisation_owner',
        objectId: organisationId,
      },
      { service: 'booking', action: 'organisation.created', actorRole: 'account_holder', objectId: organisationId },
    ]);
    const csv = await admin.request(`${stack.gateway.url}/api/audit-entries.csv?organisationId=${organisationId}`);
    const lines = (await csv.text()).trim().split('\r\n').slice(1);
    expect(lines.map((line) => line.split(';').slice(2, 5))).toEqual([
      ['Lien d’agenda de l’organisme renouvelé', 'organisation.calendar_link_rotated', 'Responsable d’organisme'],
      ['Organisme déclaré', 'organisation.created', 'Titulaire du compte'],
    ]);
    expect((await allPages(agent, 'x=1', 200)).filter((entry) => entry.organisationId === organisationId)).toEqual([]);
  });

  it('exports the filtered entries as a French CSV', async () => {
    const response = await admin.request(`${stack.gateway.url}/api/audit-entries.csv?establishmentId=${champollion}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      'Date (heure de Paris);Service;Action;Code de l’action;Rôle;Compte;Pour le compte de;Objet;Identifiant de l’objet;Collège;Organisme;Avant;Après',
    );
    expect(lines.some((line) => line.includes('Espace modifié') && line.includes('Gestionnaire de collège'))).toBe(
      true,
    );
    expect(lines.slice(1).every((line) => line.includes(champollion))).toBe(true);
  });
});
