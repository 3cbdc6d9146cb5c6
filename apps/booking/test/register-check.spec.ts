import type { OrganisationView, RegisterCheckView } from '@salle/contracts';
import { freePort, startBundledApp, waitForPort, type BundledApp } from '@salle/testing';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { association } from './fixtures';

/** The admin's register check against the registry-sandbox, a separate process speaking the real API's shape. */
describe('register check: « Recherche d’entreprises » beside a declaration', () => {
  let registry: BundledApp;
  let registryUrl: string;
  let api: BookingTestService;
  const admin = departmentAdmin();
  const founder = franceConnectUser();

  beforeAll(async () => {
    const port = await freePort();
    registry = await startBundledApp('registry-sandbox', { LOG_LEVEL: 'warn', REGISTRY_SANDBOX_PORT: String(port) });
    registryUrl = `http://127.0.0.1:${port}`;
    api = await startBookingTestService('register', undefined, { REGISTER_SEARCH_URL: registryUrl });
    await waitForPort('127.0.0.1', port, 20_000);
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await registry?.stop();
  });

  const declare = async (overrides: Parameters<typeof association>[0]) =>
    (await api.as(founder).post<OrganisationView>('/organisations', association(overrides))).body.id;
  const check = (id: string) => api.as(admin).get<RegisterCheckView>(`/organisations/${id}/register-check`);

  it('shows the registered name, address, legal form, activity and status, with no mismatch when they agree', async () => {
    const id = await declare({ rna: 'W 381 000 123', name: 'Basket club du Grésivaudan' });
    const { status, body } = await check(id);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      found: true,
      register: {
        siren: '999900012',
        rna: 'W381000123',
        name: 'BASKET CLUB DU GRESIVAUDAN',
        address: '2 PLACE DE LA MAIRIE 38580 ALLEVARD',
        postalCode: '38580',
        communeName: 'ALLEVARD',
        legalForm: 'Association déclarée (9220)',
        activity: 'Activités de clubs de sports (93.12Z)',
        active: true,
        isAssociation: true,
      },
      mismatches: [],
    });
  });

  it('highlights what the register contradicts (another name and town, a ceased association), deciding nothing', async () => {
    const elsewhere = await declare({
      rna: 'W381000999',
      name: 'Club de tarot',
      postalCode: '38000',
      communeName: 'Grenoble',
    });
    expect((await check(elsewhere)).body.mismatches).toEqual(['name', 'postalCode', 'communeName']);
    const ceased = await declare({
      rna: 'W382000456',
      name: 'Chorale de Vienne',
      postalCode: '38200',
      communeName: 'Vienne',
    });
    expect((await check(ceased)).body).toMatchObject({ register: { active: false }, mismatches: ['active'] });
    // A company's SIREN declared as an association.
    const company = await declare({
      rna: undefined,
      siren: '999900046',
      name: 'Formations alpines',
      postalCode: '38000',
      communeName: 'Grenoble',
    });
    expect((await check(company)).body.mismatches).toEqual(['name', 'kind']);
    expect((await api.as(admin).get<OrganisationView>(`/organisations/${ceased}`)).body.status).toBe('pending');
  });

  it('says when the register knows no such number', async () => {
    const unknown = await declare({ rna: 'W381000124', name: 'Inconnue' });
    expect((await check(unknown)).body).toMatchObject({ found: false, register: null, mismatches: [] });
  });

  it('answers a 503 the admin can retry when the register fails, and keeps the check for admins', async () => {
    const id = await declare({ rna: 'W381000125', name: 'Autre' });
    const faults = (failWith: number | null) =>
      fetch(`${registryUrl}/sandbox/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ failWith }),
      });
    await faults(503);
    try {
      const failed = await check(id);
      expect(failed).toMatchObject({ status: 503, body: { code: 'register_unavailable' } });
    } finally {
      await faults(null);
    }
    expect((await api.as(founder).get(`/organisations/${id}/register-check`)).status).toBe(403);
    expect((await api.as(proConnectAgent()).get(`/organisations/${id}/register-check`)).status).toBe(403);
    expect((await api.visitor.get(`/organisations/${id}/register-check`)).status).toBe(401);
    expect((await api.as(admin).get('/organisations/8d4f8a0e-5a55-4f1e-9a1b-1d2a3b4c5d6e/register-check')).status).toBe(
      404,
    );
  });
});
