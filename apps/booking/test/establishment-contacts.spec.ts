import { randomUUID } from 'node:crypto';
import type { EstablishmentView } from '@salle/contracts';
import { announceChangedContacts } from '../src/catalogue/establishment-contacts';
import {
  departmentAdmin,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, beaurepaire } from './fixtures';

interface Announced {
  establishmentId: string;
  contactEmail: string | null;
  managerAccountIds: string[];
}

describe('establishment.contacts_changed: who speaks for each collège, announced to the notification service', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();

  beforeAll(async () => {
    api = await startBookingTestService('contacts');
  });
  afterAll(() => api.stop());

  const announced = async (establishmentId: string): Promise<Announced[]> =>
    (
      (await api.service.dataSource.query(
        `SELECT payload FROM booking.event_outbox WHERE type = 'establishment.contacts_changed'
           AND aggregate_id = $1 ORDER BY position`,
        [establishmentId],
      )) as { payload: Announced }[]
    ).map((row) => row.payload);

  it('announces a new collège, its contact address changed by a manager, and a manager invited by an admin, in the same transaction', async () => {
    const created = await api
      .as(admin)
      .post<EstablishmentView>('/establishments', { ...allevard, contactEmail: 'Gestion@College-Allevard.fr' });
    const id = created.body.id;
    expect(await announced(id)).toEqual([
      { establishmentId: id, contactEmail: 'gestion@college-allevard.fr', managerAccountIds: [] },
    ]);

    const agent = proConnectAgent({ email: 'agent.allevard@ac-grenoble.fr' });
    const invited = await api.as(admin).post(`/establishments/${id}/managers/invitations`, { email: agent.email });
    expect(invited.status).toBe(201);
    expect(await announced(id)).toHaveLength(1);
    // Accepted at the agent's first call (the gateway's /me at sign-in), and announced with it.
    expect((await api.as(agent).get('/me')).status).toBe(200);
    expect(
      (await api.as(agent).patch(`/establishments/${id}`, { contactEmail: 'secretariat@allevard.fr' })).status,
    ).toBe(200);
    expect((await announced(id)).slice(1)).toEqual([
      { establishmentId: id, contactEmail: 'gestion@college-allevard.fr', managerAccountIds: [agent.accountId] },
      { establishmentId: id, contactEmail: 'secretariat@allevard.fr', managerAccountIds: [agent.accountId] },
    ]);
    // A change that changes neither the address nor the managers announces nothing.
    await api.as(agent).patch(`/establishments/${id}`, { contactPhone: '0476000000' });
    expect(await announced(id)).toHaveLength(3);
  });

  it('announces once what was written outside the API (seed, SQL, an agent matched by SIRET), and never again', async () => {
    const id = randomUUID();
    const manager = randomUUID();
    await api.service.dataSource.query(
      `INSERT INTO booking.establishment (id, uai, name, commune_name, commune_insee, latitude, longitude,
         school_zone, contact_email, status)
       VALUES ($1, '0380099Z', 'Collège semé', 'Grenoble', '38185', 45.18, 5.72, 'A', 'seme@example.fr', 'active')`,
      [id],
    );
    await api.service.dataSource.query(
      `INSERT INTO booking.establishment_manager (account_id, establishment_id) VALUES ($1, $2)`,
      [manager, id],
    );
    await announceChangedContacts(api.service.dataSource);
    // The timer of the running service may have announced it first: either way, exactly once.
    expect(await announced(id)).toEqual([
      { establishmentId: id, contactEmail: 'seme@example.fr', managerAccountIds: [manager] },
    ]);
    await announceChangedContacts(api.service.dataSource);
    expect(await announced(id)).toHaveLength(1);

    // A ProConnect agent whose SIRET is the collège's becomes a manager at their first call, announced with it.
    const created = await api.as(admin).post<EstablishmentView>('/establishments', beaurepaire);
    const agent = proConnectAgent({ siret: beaurepaire.siret });
    await api.as(agent).get('/me');
    expect((await announced(created.body.id)).at(-1)).toEqual({
      establishmentId: created.body.id,
      contactEmail: null,
      managerAccountIds: [agent.accountId],
    });
  });
});
