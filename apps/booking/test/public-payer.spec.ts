import type { BookingView, EstablishmentView, OrganisationView } from '@salle/contracts';
import { publicHolidayOn } from '../src/domain/calendar';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, gymnasium, parisInstant, upcomingSaturday } from './fixtures';

// A commune pays its paid bookings by invoice: its request carries the identifiers the invoice needs.
describe('a public payer’s request', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret });
  const clerk = franceConnectUser();
  const member = franceConnectUser();
  let spaceId: string;
  let communeId: string;
  let associationId: string;
  const saturday = upcomingSaturday(4, (date) => publicHolidayOn(date) !== null);
  const payer = { siret: '21380185500015', engagementNumber: 'EJ-2026-0042', serviceCode: 'SPORTS' };

  async function verified(owner: typeof clerk, overrides: Parameters<typeof association>[0]) {
    const created = await api.as(owner).post<OrganisationView>('/organisations', association(overrides));
    expect(created.status).toBe(201);
    await api.as(admin).post(`/organisations/${created.body.id}/verify`);
    return created.body.id;
  }

  beforeAll(async () => {
    api = await startBookingTestService('public-payer');
    const establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    spaceId = (await api.as(manager).post(`/establishments/${establishmentId}/spaces`, gymnasium)).body['id'] as string;
    await api.as(manager).put(`/spaces/${spaceId}/opening-rules`, {
      rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
    });
    await api.as(manager).put(`/spaces/${spaceId}/tariffs`, {
      tariffs: [
        { category: 'association', hourlyCents: 1500 },
        { category: 'commune', hourlyCents: 1600 },
      ],
    });
    communeId = await verified(clerk, {
      name: 'Mairie d’Allevard',
      kind: 'commune',
      rna: undefined,
      siren: '213801855',
    });
    associationId = await verified(member, {});
  });
  afterAll(() => api.stop());

  const request = (who: typeof clerk, organisationId: string, hours: [string, string], extra = {}) =>
    api.as(who).post<BookingView & { code?: string; errors?: { field: string; message: string }[] }>('/bookings', {
      spaceId,
      organisationId,
      startsAt: parisInstant(saturday, hours[0]),
      endsAt: parisInstant(saturday, hours[1]),
      ...extra,
    });

  it('is refused without its SIRET and engagement number, naming each field in French', async () => {
    const response = await request(clerk, communeId, ['08:00', '10:00']);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.code).toBe('validation_failed');
    expect(response.body.errors).toEqual([
      { field: 'publicPayer.siret', message: expect.stringContaining('SIRET') },
      {
        field: 'publicPayer.engagementNumber',
        message: 'Le numéro d’engagement\u00a0: saisissez celui du bon de commande de votre collectivité.',
      },
    ]);
    const rows = await api.service.dataSource.query(`SELECT id FROM booking.booking WHERE organisation_id = $1`, [
      communeId,
    ]);
    expect(rows).toEqual([]);
  });

  it('is refused with a SIRET whose key is wrong, or without the engagement number alone', async () => {
    const wrongKey = await request(clerk, communeId, ['08:00', '10:00'], {
      publicPayer: { ...payer, siret: '21380185500016' },
    });
    expect(wrongKey.status).toBe(400);
    expect(wrongKey.body.errors).toEqual([
      { field: 'publicPayer.siret', message: expect.stringContaining('n’est pas valide') },
    ]);
    const noEngagement = await request(clerk, communeId, ['08:00', '10:00'], {
      publicPayer: { siret: payer.siret, engagementNumber: '  ' },
    });
    expect(noEngagement.status).toBe(400);
    expect(noEngagement.body.errors?.map((error) => error.field)).toEqual(['publicPayer.engagementNumber']);
  });

  it('is accepted with its identifiers, then confirmed on approval with no online payment', async () => {
    const response = await request(clerk, communeId, ['10:00', '12:00'], {
      publicPayer: { ...payer, siret: '213 801 855 00015' },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'requested', renterCategory: 'commune', priceCents: 3200 });
    const approved = await api.as(manager).post<BookingView>(`/bookings/${response.body.id}/approve`);
    expect(approved.body).toMatchObject({ status: 'confirmed', expiresAt: null });
    // Payment issues the invoice from booking.confirmed: no booking.approved, which would open a checkout.
    const events = await api.service.dataSource.query(
      `SELECT type, payload FROM booking.event_outbox WHERE aggregate_id = $1 ORDER BY position`,
      [response.body.id],
    );
    expect(events.map((event: { type: string }) => event.type)).toEqual(['booking.requested', 'booking.confirmed']);
    expect(events[1].payload).toMatchObject({
      priceCents: 3200,
      paymentId: null,
      invoice: {
        payer,
        labels: { organisationName: 'Mairie d’Allevard', establishmentName: allevard.name, spaceName: gymnasium.name },
        establishmentSiret: allevard.siret,
        establishmentUai: allevard.uai,
      },
    });
  });

  it('refuses invoicing identifiers from an association, which pays online', async () => {
    const response = await request(member, associationId, ['15:00', '17:00'], { publicPayer: payer });
    expect(response.status).toBe(400);
    expect(response.body.errors?.map((error) => error.field)).toEqual(['publicPayer']);
    expect((await request(member, associationId, ['15:00', '17:00'])).status).toBe(201);
  });
});
