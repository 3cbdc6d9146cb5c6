import { PDFDocument } from 'pdf-lib';
import type { OrganisationView } from '@salle/contracts';
import { announceExpiringInsurance } from '../src/documents/insurance-expiry';
import {
  departmentAdmin,
  franceConnectUser,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { association } from './fixtures';

/** Day `offset` after today, in Paris, as the certificate's expiry is written. */
function inDays(days: number, from = new Date()): string {
  const date = new Date(from);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

describe('insurance certificates expiring within a month', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const owner = franceConnectUser();
  const member = franceConnectUser({ displayName: 'Jean Martin' });
  let organisationId: string;
  let pdf: Uint8Array;

  const upload = (expiresOn: string) =>
    api
      .as(owner)
      .postBytes<{ id: string }>(
        `/organisations/${organisationId}/insurance-certificate?${new URLSearchParams({ insurer: 'MAIF', policyNumber: 'RC-1', expiresOn, fileName: 'attestation.pdf' })}`,
        pdf,
        'application/pdf',
      );
  const announced = async () =>
    (await api.service.dataSource.query(
      `SELECT payload FROM booking.event_outbox WHERE type = 'organisation.insurance_expiring' ORDER BY position`,
    )) as { payload: Record<string, unknown> }[];

  beforeAll(async () => {
    // The job runs only when the tests call it (with their own clock).
    api = await startBookingTestService('insurance-expiry', undefined, {
      BOOKING_INSURANCE_REMINDER_INTERVAL_MS: String(24 * 3600 * 1000),
    });
    const document = await PDFDocument.create();
    document.addPage();
    pdf = await document.save();
    organisationId = (await api.as(owner).post<OrganisationView>('/organisations', association())).body.id;
    await api.as(admin).post(`/organisations/${organisationId}/verify`);
    // A plain member, who is not told: only owners act for the organisation's documents.
    const link = await api.as(owner).post<{ token: string }>(`/organisations/${organisationId}/invitations`, {});
    expect((await api.as(member).post('/invitations/accept', { token: link.body.token })).status).toBeLessThan(300);
  });
  afterAll(() => api.stop());

  it('announces a certificate once, when its expiry comes within 30 days, on a simulated clock', async () => {
    const expiresOn = inDays(60);
    const certificate = await upload(expiresOn);
    expect(certificate.status).toBe(201);
    const before = (await announced()).length;

    // 31 days before the expiry: nothing yet.
    expect(
      await announceExpiringInsurance(
        api.service.dataSource,
        new Date(`${inDays(-31, new Date(`${expiresOn}T12:00:00Z`))}T10:00:00Z`),
      ),
    ).toBe(0);
    // 30 days before: announced, with what the message needs.
    const thirtyBefore = new Date(`${inDays(-30, new Date(`${expiresOn}T12:00:00Z`))}T10:00:00Z`);
    expect(await announceExpiringInsurance(api.service.dataSource, thirtyBefore)).toBe(1);
    const events = await announced();
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)?.payload).toEqual({
      organisationId,
      organisationName: association().name,
      certificateId: certificate.body.id,
      expiresOn,
      ownerAccountIds: [owner.accountId],
    });
    // Later runs, on this replica or two at once, do not announce it again.
    const later = new Date(thirtyBefore.getTime() + 3 * 24 * 3600 * 1000);
    const runs = await Promise.all([
      announceExpiringInsurance(api.service.dataSource, later),
      announceExpiringInsurance(api.service.dataSource, later),
    ]);
    expect(runs).toEqual([0, 0]);
    expect(await announced()).toHaveLength(before + 1);
  });

  it('announces only the certificate in force: a replaced one is not, and the new one in its own time', async () => {
    const before = (await announced()).length;
    await upload(inDays(100));
    const replacement = await upload(inDays(200));
    expect(await announceExpiringInsurance(api.service.dataSource, new Date(`${inDays(80)}T10:00:00Z`))).toBe(0);
    expect(await announceExpiringInsurance(api.service.dataSource, new Date(`${inDays(175)}T10:00:00Z`))).toBe(1);
    const last = (await announced()).at(-1);
    expect(last?.payload['certificateId']).toBe(replacement.body.id);
    expect(await announced()).toHaveLength(before + 1);
  });
});
