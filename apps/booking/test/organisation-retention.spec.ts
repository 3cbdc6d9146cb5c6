// Rejected organisations on a simulated clock: a year after its rejection, one that never booked is deleted with
// every row about it (two replicas at once share them), one that booked is kept for its bookings without its contact
// person; nothing else goes and a second run finds nothing. And a département admin deletes one at once.
import type { BookingView, OrganisationView } from '@salle/contracts';
import { createLogger } from '@salle/runtime';
import { retentionReport } from '@salle/service';
import { LocalFolderStore } from '@salle/storage';
import { Registry } from 'prom-client';
import { publicHolidayOn } from '../src/domain/calendar';
import {
  deleteRejectedOrganisations,
  noOrganisationDeleted,
  type DeletedOrganisations,
} from '../src/privacy/organisation-retention';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, openGymnasium, parisInstant, upcomingSaturday, yearsAfter } from './fixtures';
import { certificatePdf } from './pdf-fixture';

const contact = { contactName: 'Lucie Martin', contactPhone: '06 12 34 56 78', contactEmail: 'lucie@club.example' };

describe('rejected organisations', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret, displayName: 'Julien Bernard' });
  let gymId: string;
  let rna = 381000200;

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    api.service.dataSource.query(sql, params) as Promise<T[]>;

  /** An organisation declared by a new person, with a contact person; its owner. */
  async function declare(name: string) {
    const owner = franceConnectUser({ displayName: `Responsable ${name}` });
    rna += 1;
    const created = await api
      .as(owner)
      .post<OrganisationView>('/organisations', association({ name, rna: `W${rna}`, ...contact }));
    expect(created.status).toBe(201);
    return { id: created.body.id, owner };
  }

  const reject = async (id: string) =>
    expect((await api.as(admin).post(`/organisations/${id}/reject`, { reason: 'Numéro RNA inconnu' })).status).toBe(
      200,
    );

  /** A second member through an invitation link, an invitation still open, and an insurance certificate. */
  async function withMembersAndFiles(organisation: { id: string; owner: ReturnType<typeof franceConnectUser> }) {
    const as = api.as(organisation.owner);
    const link = await as.post<{ token: string }>(`/organisations/${organisation.id}/invitations`, {});
    const joiner = franceConnectUser({ displayName: 'Paul Durand' });
    expect((await api.as(joiner).post('/invitations/accept', { token: link.body.token })).status).toBe(200);
    expect((await as.post(`/organisations/${organisation.id}/invitations`, {})).status).toBe(201);
    const details = new URLSearchParams({
      insurer: 'MAIF',
      policyNumber: 'RC-123',
      expiresOn: '2099-08-31',
      fileName: 'attestation.pdf',
    });
    const path = `/organisations/${organisation.id}/insurance-certificate?${details}`;
    expect((await as.postBytes(path, await certificatePdf(), 'application/octet-stream')).status).toBe(201);
    const [file] = await query<{ key: string }>(
      `SELECT storage_key AS key FROM booking.insurance_certificate WHERE organisation_id = $1`,
      [organisation.id],
    );
    return { joiner, storageKey: file?.key ?? '' };
  }

  /** What the booking schema holds about organisation `id`, table by table. */
  async function left(id: string) {
    const countOf = async (table: string, column = 'organisation_id') =>
      (await query<{ n: number }>(`SELECT count(*)::int AS n FROM booking.${table} WHERE ${column} = $1`, [id]))[0]?.n;
    return {
      organisation: await countOf('organisation', 'id'),
      memberships: await countOf('membership'),
      invitations: await countOf('organisation_invitation'),
      certificates: await countOf('insurance_certificate'),
    };
  }
  const gone = { organisation: 0, memberships: 0, invitations: 0, certificates: 0 };

  const contactOf = async (id: string) =>
    (
      await query(
        `SELECT contact_name AS "contactName", contact_phone AS "contactPhone", contact_email AS "contactEmail",
                contact_sms_consent_at AS "smsConsentAt" FROM booking.organisation WHERE id = $1`,
        [id],
      )
    )[0];

  const rejectedAt = async (id: string) =>
    (await query<{ at: Date }>(`SELECT rejected_at AS at FROM booking.organisation WHERE id = $1`, [id]))[0]?.at ??
    new Date(0);

  beforeAll(async () => {
    api = await startBookingTestService('organisation-retention');
    gymId = await openGymnasium(api, admin, manager);
  });
  afterAll(() => api.stop());

  /** A verified organisation that booked once, then was rejected. */
  async function rejectedAfterBooking(name: string) {
    const organisation = await declare(name);
    await api.as(admin).post(`/organisations/${organisation.id}/verify`);
    const day = upcomingSaturday(3, (date) => publicHolidayOn(date) !== null);
    const booked = await api.as(organisation.owner).post<BookingView>('/bookings', {
      spaceId: gymId,
      organisationId: organisation.id,
      startsAt: parisInstant(day, '10:00'),
      endsAt: parisInstant(day, '12:00'),
    });
    expect(booked.status).toBe(201);
    await reject(organisation.id);
    return { ...organisation, bookingId: booked.body.id };
  }

  it('deletes those that never booked with every row about them a year after their rejection, and keeps the others without their contact person', async () => {
    const store = new LocalFolderStore(api.storageDir);
    const rejected = await declare('Club refusé');
    const { joiner, storageKey } = await withMembersAndFiles(rejected);
    await reject(rejected.id);
    const alsoRejected = await declare('Autre club refusé');
    await reject(alsoRejected.id);
    const booked = await rejectedAfterBooking('Club refusé après réservation');
    const pending = await declare('Club en attente');
    const verified = await declare('Club vérifié');
    await api.as(admin).post(`/organisations/${verified.id}/verify`);
    expect(await left(rejected.id)).toEqual({ organisation: 1, memberships: 2, invitations: 2, certificates: 1 });
    const registry = new Registry();
    const report = retentionReport(createLogger({ service: 'booking', level: 'silent' }), registry);
    const run = (now: Date) => deleteRejectedOrganisations(api.service.dataSource, store, 1, report, now);
    const latest = [rejected, alsoRejected, booked].map((organisation) => rejectedAt(organisation.id));
    const lastRejection = new Date(Math.max(...(await Promise.all(latest)).map((at) => at.getTime())));
    const firstRejection = await rejectedAt(rejected.id);

    // A day before a year has passed since the first rejection: nothing is due.
    expect(await run(yearsAfter(firstRejection, 1, -1))).toEqual(noOrganisationDeleted());

    // A day after the last one: two replicas at once delete the two that never booked, once, between them.
    const due = yearsAfter(lastRejection, 1, 1);
    const [one, other] = await Promise.all([run(due), run(due)]);
    const sum = (key: keyof DeletedOrganisations) => one[key] + other[key];
    expect({
      organisations: sum('organisations'),
      memberships: sum('memberships'),
      invitations: sum('invitations'),
      certificates: sum('certificates'),
      contactsCleared: sum('contactsCleared'),
    }).toEqual({ organisations: 2, memberships: 3, invitations: 2, certificates: 1, contactsCleared: 1 });
    expect(await left(rejected.id)).toEqual(gone);
    expect(await left(alsoRejected.id)).toEqual(gone);
    expect(await store.get(storageKey)).toBeUndefined();
    expect((await api.as(admin).get(`/organisations/${rejected.id}`)).status).toBe(404);
    expect((await api.as(joiner).get('/me')).body).toEqual(expect.objectContaining({ organisations: [] }));
    // The gateway and notification are told that the members left, and that the contact is no more.
    const events = await query<{ type: string; payload: Record<string, unknown> }>(
      `SELECT type, payload FROM booking.event_outbox WHERE aggregate_id = $1 ORDER BY position`,
      [rejected.id],
    );
    const leaving = events
      .filter((event) => event.type === 'organisation.membership_changed' && event.payload['change'] === 'left')
      .map((event) => event.payload['accountId']);
    expect(leaving.sort()).toEqual([rejected.owner.accountId, joiner.accountId].sort());
    expect(events.at(-1)).toEqual({
      type: 'organisation.contact_changed',
      payload: { organisationId: rejected.id, contactEmail: null, contactPhone: null, smsConsent: false },
    });

    // The one that booked stays for its booking, with its members, without its contact person.
    expect(await left(booked.id)).toEqual({ organisation: 1, memberships: 1, invitations: 0, certificates: 0 });
    expect(await contactOf(booked.id)).toEqual({
      contactName: null,
      contactPhone: null,
      contactEmail: null,
      smsConsentAt: null,
    });
    expect((await api.as(booked.owner).get(`/bookings/${booked.bookingId}`)).status).toBe(200);
    // Neither pending nor verified organisations are touched, contact included.
    for (const kept of [pending, verified]) {
      expect(await left(kept.id)).toEqual({ organisation: 1, memberships: 1, invitations: 0, certificates: 0 });
      expect(await contactOf(kept.id)).toEqual(expect.objectContaining({ contactEmail: contact.contactEmail }));
    }
    expect(await run(due)).toEqual(noOrganisationDeleted());

    // Once its booking is gone (its own retention), the organisation goes with its members at the next run.
    await query(`DELETE FROM booking.audit_entry WHERE booking_id = $1`, [booked.bookingId]);
    await query(`DELETE FROM booking.booking WHERE id = $1`, [booked.bookingId]);
    expect(await run(due)).toEqual({ ...noOrganisationDeleted(), organisations: 1, memberships: 1 });
    expect(await left(booked.id)).toEqual(gone);

    const metric = await registry.getSingleMetric('retention_records_total')?.get();
    expect(metric?.values).toEqual(
      expect.arrayContaining([
        { labels: { kind: 'organisations', action: 'deleted' }, value: 3 },
        { labels: { kind: 'memberships', action: 'deleted' }, value: 4 },
        { labels: { kind: 'organisation_contacts', action: 'deleted' }, value: 1 },
      ]),
    );
  });

  describe('deleted at once by a département admin', () => {
    it('deletes a rejected organisation that never booked, with its members and files, and records it', async () => {
      const store = new LocalFolderStore(api.storageDir);
      const organisation = await declare('Club à supprimer');
      const { storageKey } = await withMembersAndFiles(organisation);
      await reject(organisation.id);
      const deleted = await api.as(admin).delete(`/organisations/${organisation.id}`);
      expect(deleted.status).toBe(204);
      expect(await left(organisation.id)).toEqual(gone);
      expect(await store.get(storageKey)).toBeUndefined();
      const entries = await query(
        `SELECT actor_account_id AS "actor", changes FROM booking.audit_log WHERE action = 'organisation.deleted' AND object_id = $1`,
        [organisation.id],
      );
      expect(entries).toEqual([
        {
          actor: admin.accountId,
          changes: expect.objectContaining({ memberships: { before: 2, after: 0 } }),
        },
      ]);
      expect((await api.as(admin).delete(`/organisations/${organisation.id}`)).status).toBe(404);
    });

    it('refuses a manager and the organisation’s own owner, and keeps an organisation not rejected or that booked', async () => {
      const organisation = await declare('Club gardé');
      await reject(organisation.id);
      for (const caller of [manager, organisation.owner]) {
        const refused = await api.as(caller).delete(`/organisations/${organisation.id}`);
        expect({ status: refused.status, code: refused.body['code'] }).toEqual({ status: 403, code: 'forbidden' });
      }
      expect((await api.visitor.delete(`/organisations/${organisation.id}`)).status).toBe(401);
      expect(await left(organisation.id)).toEqual(expect.objectContaining({ organisation: 1, memberships: 1 }));

      const verified = await declare('Club actif');
      await api.as(admin).post(`/organisations/${verified.id}/verify`);
      const notRejected = await api.as(admin).delete(`/organisations/${verified.id}`);
      expect(notRejected.status).toBe(409);
      expect(notRejected.headers.get('content-type')).toContain('application/problem+json');
      expect(notRejected.body).toEqual(
        expect.objectContaining({ code: 'organisation_not_rejected', title: expect.stringContaining('refusée') }),
      );

      const booked = await rejectedAfterBooking('Club qui a réservé');
      const hasBookings = await api.as(admin).delete(`/organisations/${booked.id}`);
      expect(hasBookings.status).toBe(409);
      expect(hasBookings.body).toEqual(
        expect.objectContaining({ code: 'organisation_has_bookings', title: expect.stringContaining('réservations') }),
      );
      expect(await left(booked.id)).toEqual(expect.objectContaining({ organisation: 1, memberships: 1 }));
      expect((await api.as(admin).delete('/organisations/not-an-id')).status).toBe(400);
    });
  });
});
