import type { EstablishmentView, OrganisationView } from '@salle/contracts';
import {
  departmentAdmin,
  franceConnectUser,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, gymnasium, parisInstant } from './fixtures';

interface Segment {
  kind: string;
  startsAt: string;
  endsAt: string;
}

/** A Metz collège (Moselle): Good Friday and 26 December are public holidays there, not in Isère. */
const metz = {
  ...allevard,
  uai: '0570001S',
  siret: undefined,
  name: 'Collège Jean Moulin',
  postalCode: '57000',
  communeName: 'Metz',
  communeInsee: '57463',
  latitude: 49.1193,
  longitude: 6.1757,
  schoolZone: 'B' as const,
};
const GOOD_FRIDAY_2027 = '2027-03-26';
const iso = (date: string, time: string) => new Date(parisInstant(date, time)).toISOString();

describe('Alsace-Moselle public holidays, by the collège’s département', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const owner = franceConnectUser();
  let organisationId: string;
  const spaceOf: Record<string, string> = {};

  beforeAll(async () => {
    api = await startBookingTestService('alsace_moselle');
    for (const college of [metz, allevard]) {
      const id = (await api.as(admin).post<EstablishmentView>('/establishments', college)).body.id;
      const spaceId = (await api.as(admin).post(`/establishments/${id}/spaces`, gymnasium)).body['id'] as string;
      // Every day, in and out of school time, so that only a public holiday closes it.
      await api.as(admin).put(`/spaces/${spaceId}/opening-rules`, {
        rules: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '18:00', endTime: '22:00', period: 'always' }],
      });
      await api.as(admin).put(`/spaces/${spaceId}/tariffs`, { tariffs: [{ category: 'association', hourlyCents: 0 }] });
      spaceOf[college.communeName] = spaceId;
    }
    organisationId = (await api.as(owner).post<OrganisationView>('/organisations', association())).body.id;
    await api.as(admin).post(`/organisations/${organisationId}/verify`);
  });
  afterAll(() => api.stop());

  const freeOn = async (commune: string, date: string) =>
    (
      await api.visitor.get<{ segments: Segment[] }>(`/spaces/${spaceOf[commune]}/calendar?from=${date}&to=${date}`)
    ).body.segments.filter((segment) => segment.kind === 'free');

  it('offers a Metz collège neither on Good Friday 2027 nor on 26 December, and an Isère one on both', async () => {
    for (const date of [GOOD_FRIDAY_2027, '2026-12-26']) {
      expect(await freeOn('Metz', date)).toEqual([]);
      expect(await freeOn('Allevard', date)).toEqual([
        { kind: 'free', startsAt: iso(date, '18:00'), endsAt: iso(date, '22:00') },
      ]);
    }
    // The day before, Metz is open as usual.
    expect(await freeOn('Metz', '2027-03-25')).toHaveLength(1);
  });

  it('leaves Good Friday out of the free-slot search for Metz only', async () => {
    const search = async (communeInsee: string) =>
      JSON.stringify(
        (
          await api.visitor.get(
            `/search?from=${GOOD_FRIDAY_2027}&to=${GOOD_FRIDAY_2027}&durationMinutes=60&communeInsee=${communeInsee}`,
          )
        ).body,
      );
    expect(await search(metz.communeInsee)).not.toContain(spaceOf['Metz']);
    expect(await search(allevard.communeInsee)).toContain(spaceOf['Allevard']);
  });
  // Last: the request taken in Isère holds that evening.
  it('refuses a request on Good Friday in Metz, naming the public holiday, and takes it in Isère', async () => {
    const request = (commune: string) =>
      api.as(owner).post('/bookings', {
        spaceId: spaceOf[commune],
        organisationId,
        startsAt: parisInstant(GOOD_FRIDAY_2027, '19:00'),
        endsAt: parisInstant(GOOD_FRIDAY_2027, '21:00'),
        purpose: 'Répétition',
      });
    const refused = await request('Metz');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'slot_not_offered' });
    expect(JSON.stringify(refused.body)).toContain('Vendredi saint');
    expect((await request('Allevard')).status).toBe(201);
  });
});
