import type { Caller } from '@salle/auth';
import {
  CONVENTION_CONSENT,
  type BookingView,
  type ConventionSigningView,
  type EstablishmentView,
  type OrganisationView,
} from '@salle/contracts';
import { publicHolidayOn } from '../src/domain/calendar';
import { departmentAdmin, franceConnectUser, proConnectAgent, type BookingTestService } from './booking-test-service';
import { allevard, association, beaurepaire, gymnasium, parisInstant, upcomingSaturday } from './fixtures';

// The parties of a convention and the steps to an issued one, shared by the specs of online and paper signing.

/** A collège with a priced gymnasium, a verified association with an owner and a plain member, its signatory. */
export async function setUp(api: BookingTestService) {
  const admin = departmentAdmin();
  const signatory = proConnectAgent({ siret: allevard.siret, displayName: 'Claire Principal', acr: 'eidas1' });
  const plainManager = proConnectAgent({ siret: allevard.siret, displayName: 'Paul Adjoint' });
  const otherManager = proConnectAgent({ siret: beaurepaire.siret });
  const owner = franceConnectUser({ displayName: 'Angela Dubois', acr: 'eidas1' });
  const member = franceConnectUser({ displayName: 'Jean Martin' });
  const otherOwner = franceConnectUser({ displayName: 'Autre Association' });
  const establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
  await api.as(admin).post<EstablishmentView>('/establishments', beaurepaire);
  const spaceId = (await api.as(signatory).post(`/establishments/${establishmentId}/spaces`, gymnasium)).body[
    'id'
  ] as string;
  await api.as(plainManager).get(`/establishments/${establishmentId}`);
  await api.as(otherManager).get('/me');
  await api.as(signatory).put(`/spaces/${spaceId}/opening-rules`, {
    rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
  });
  await api
    .as(signatory)
    .put(`/spaces/${spaceId}/tariffs`, { tariffs: [{ category: 'association', hourlyCents: 1500 }] });
  const organisationId = (await api.as(owner).post<OrganisationView>('/organisations', association())).body.id;
  await api.as(admin).post(`/organisations/${organisationId}/verify`);
  const link = await api.as(owner).post<{ token: string }>(`/organisations/${organisationId}/invitations`, {});
  await api.as(member).post('/invitations/accept', { token: link.body.token });
  await api
    .as(otherOwner)
    .post<OrganisationView>('/organisations', association({ name: 'Club voisin', rna: 'W381000999' }));
  const flagged = await api
    .as(admin)
    .put(`/establishments/${establishmentId}/managers/${signatory.accountId}/signatory`, { signatory: true });
  expect(flagged.status).toBe(204);
  // The collège takes payments: a signed convention opens the payment at once.
  await api.service.dataSource.query(`UPDATE booking.establishment SET payout_ready = true WHERE id = $1`, [
    establishmentId,
  ]);
  return {
    admin,
    signatory,
    plainManager,
    otherManager,
    owner,
    member,
    otherOwner,
    establishmentId,
    spaceId,
    organisationId,
  };
}

export type Parties = Awaited<ReturnType<typeof setUp>>;

export async function approvedBooking(api: BookingTestService, p: Parties, weeksAhead: number, start = '10:00') {
  const day = upcomingSaturday(weeksAhead, (date) => publicHolidayOn(date) !== null);
  const booking = await api.as(p.owner).post<BookingView>('/bookings', {
    spaceId: p.spaceId,
    organisationId: p.organisationId,
    startsAt: parisInstant(day, start),
    endsAt: parisInstant(day, `${Number(start.slice(0, 2)) + 2}:00`),
    purpose: 'Assemblée générale',
  });
  expect(booking.status).toBe(201);
  return (await api.as(p.signatory).post<BookingView>(`/bookings/${booking.body.id}/approve`)).body;
}

export async function issuedSha(api: BookingTestService, who: Caller, bookingId: string): Promise<string> {
  const document = await api.as(who).get(`/bookings/${bookingId}/convention.pdf`);
  expect(document.status).toBe(200);
  return document.headers.get('x-convention-sha256') as string;
}

export const signBody = (documentSha256: string) => ({
  documentSha256,
  consent: true,
  consentVersion: CONVENTION_CONSENT.version,
});

export const sign = (api: BookingTestService, who: Caller, bookingId: string, sha: string) =>
  api
    .as(who)
    .post<ConventionSigningView & { code?: string }>(`/bookings/${bookingId}/convention/signatures`, signBody(sha));
