import type { BookingView, EstablishmentView, OrganisationView } from '@salle/contracts';
import { publicHolidayOn } from '../src/domain/calendar';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, beaurepaire, gymnasium, parisInstant, upcomingSaturday } from './fixtures';

interface Segment {
  kind: string;
  startsAt: string;
  endsAt: string;
  reason?: string;
  booking?: { id: string; organisationName: string | null; mine: boolean };
}

describe('calendars and ICS feeds', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret });
  const otherManager = proConnectAgent({ siret: beaurepaire.siret });
  const owner = franceConnectUser();
  const outsider = franceConnectUser();
  let establishmentId: string;
  let spaceId: string;
  let organisationId: string;
  let bookingId: string;
  const saturday = upcomingSaturday(4, (d) => publicHolidayOn(d) !== null);
  const friday = new Date(Date.parse(saturday) - 86_400_000).toISOString().slice(0, 10);
  const at = (time: string, date: string = saturday) => new Date(parisInstant(date, time)).toISOString();

  beforeAll(async () => {
    api = await startBookingTestService('calendars');
    establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    await api.as(admin).post('/establishments', beaurepaire);
    spaceId = (await api.as(manager).post(`/establishments/${establishmentId}/spaces`, gymnasium)).body['id'] as string;
    await api.as(manager).put(`/spaces/${spaceId}/opening-rules`, {
      rules: [
        { weekdays: [1, 2, 3, 4, 5], startTime: '16:00', endTime: '22:00' },
        { weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' },
      ],
    });
    await api
      .as(manager)
      .put(`/spaces/${spaceId}/tariffs`, { tariffs: [{ category: 'association', hourlyCents: 1000 }] });
    await api.as(manager).post(`/establishments/${establishmentId}/closures`, {
      spaceId,
      startsAt: parisInstant(saturday, '17:00'),
      endsAt: parisInstant(saturday, '20:00'),
      reason: 'Spectacle du collège',
    });
    organisationId = (await api.as(owner).post<OrganisationView>('/organisations', association())).body.id;
    await api.as(admin).post(`/organisations/${organisationId}/verify`);
    bookingId = (
      await api.as(owner).post<BookingView>('/bookings', {
        spaceId,
        organisationId,
        startsAt: parisInstant(saturday, '10:00'),
        endsAt: parisInstant(saturday, '12:00'),
        purpose: 'Tournoi',
      })
    ).body.id;
  });
  afterAll(() => api.stop());

  const week = (who?: typeof admin) =>
    (who ? api.as(who) : api.visitor).get<{ segments: Segment[] }>(
      `/spaces/${spaceId}/calendar?from=${friday}&to=${saturday}`,
    );

  it('shows free, booked, closed and school time, hiding renters from visitors', async () => {
    const response = await week();
    expect(response.status).toBe(200);
    const saturdaySegments = response.body.segments.filter(
      (s) => s.startsAt >= at('00:00') && s.startsAt < at('23:59'),
    );
    expect(saturdaySegments).toEqual([
      { kind: 'free', startsAt: at('08:00'), endsAt: at('09:45') },
      { kind: 'booked', startsAt: at('10:00'), endsAt: at('12:00') },
      { kind: 'free', startsAt: at('12:15'), endsAt: at('17:00') },
      { kind: 'closed', startsAt: at('17:00'), endsAt: at('20:00'), reason: 'Spectacle du collège' },
    ]);
    const fridaySchool = response.body.segments.filter((s) => s.kind === 'school_time');
    // Friday is a school day unless it falls in the holidays: either way, no free time before 18:00 that day.
    const fridayFree = response.body.segments.filter((s) => s.kind === 'free' && s.startsAt < at('00:00'));
    for (const free of fridayFree) expect(free.startsAt >= at('08:00', friday)).toBe(true);
    if (fridaySchool.length) {
      expect(fridaySchool).toEqual([
        { kind: 'school_time', startsAt: at('08:00', friday), endsAt: at('18:00', friday) },
      ]);
      expect(fridayFree).toEqual([{ kind: 'free', startsAt: at('18:00', friday), endsAt: at('22:00', friday) }]);
    }
  });

  it('names the renter for the collège and for the renter only', async () => {
    const booked = (who?: typeof admin) => week(who).then((r) => r.body.segments.find((s) => s.kind === 'booked'));
    expect((await booked(manager))?.booking).toEqual({
      id: bookingId,
      status: 'requested',
      organisationName: 'Basket Club du Grésivaudan',
      mine: false,
      seriesId: null,
    });
    expect((await booked(owner))?.booking).toMatchObject({ id: bookingId, mine: true });
    expect((await booked(outsider))?.booking).toBeUndefined();
    expect((await booked(otherManager))?.booking).toBeUndefined();
  });

  it('refuses bad ranges', async () => {
    expect((await api.visitor.get(`/spaces/${spaceId}/calendar?from=${saturday}&to=${friday}`)).status).toBe(400);
    expect((await api.visitor.get(`/spaces/${spaceId}/calendar?from=2027-01-01&to=2027-06-01`)).status).toBe(400);
    expect((await api.visitor.get(`/spaces/${spaceId}/calendar`)).status).toBe(400);
  });

  it('serves valid ICS feeds behind a token only the owners can read and rotate', async () => {
    expect((await api.as(otherManager).get(`/establishments/${establishmentId}/calendar-link`)).status).toBe(403);
    expect((await api.visitor.get(`/establishments/${establishmentId}/calendar-link`)).status).toBe(401);
    expect((await api.as(outsider).get(`/organisations/${organisationId}/calendar-link`)).status).toBe(404);
    const link = await api.as(manager).get<{ path: string }>(`/establishments/${establishmentId}/calendar-link`);
    expect(link.body.path).toMatch(/^\/calendars\/establishments\/[0-9a-f]{64}\.ics$/);

    const feed = await fetch(`${api.service.url}${link.body.path}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const text = await feed.text();
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.some((line) => line.startsWith('PRODID:'))).toBe(true);
    expect(text).not.toMatch(/[^\r]\n/);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toContain(`UID:${bookingId}@salle-sur-demande`);
    expect(unfolded).toContain(`DTSTART:${at('10:00').replace(/[-:]/g, '').replace('.000', '')}`);
    expect(unfolded).toContain('SUMMARY:Gymnase – Basket Club du Grésivaudan');
    expect(unfolded).toContain('STATUS:TENTATIVE');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);

    const organisationLink = await api
      .as(owner)
      .get<{ path: string }>(`/organisations/${organisationId}/calendar-link`);
    const organisationFeed = await (await fetch(`${api.service.url}${organisationLink.body.path}`)).text();
    expect(organisationFeed.replace(/\r\n[ \t]/g, '')).toContain('SUMMARY:Gymnase – Collège Flavius Vaussenat');

    expect((await api.as(otherManager).post(`/establishments/${establishmentId}/calendar-link`)).status).toBe(403);
    const rotated = await api.as(manager).post<{ path: string }>(`/establishments/${establishmentId}/calendar-link`);
    expect(rotated.body.path).not.toBe(link.body.path);
    expect((await fetch(`${api.service.url}${link.body.path}`)).status).toBe(404);
    expect((await fetch(`${api.service.url}${rotated.body.path}`)).status).toBe(200);
    expect((await fetch(`${api.service.url}/calendars/establishments/guess.ics`)).status).toBe(404);
  });
});
