import type { EventPayload, OrganisationView } from '@salle/contracts';
import { franceConnectUser, startBookingTestService, type BookingTestService } from './booking-test-service';
import { association } from './fixtures';

describe('the organisation’s own contact, announced to the notification service with its consent to SMS', () => {
  let api: BookingTestService;
  const owner = franceConnectUser();
  const volunteer = franceConnectUser({ displayName: 'Jean Martin' });
  const stranger = franceConnectUser({ displayName: 'Intrus' });

  beforeAll(async () => {
    api = await startBookingTestService('organisation-contact');
  });
  afterAll(() => api.stop());

  const announced = async (organisationId: string) =>
    (
      (await api.service.dataSource.query(
        `SELECT payload FROM booking.event_outbox WHERE type = 'organisation.contact_changed' AND aggregate_id = $1
          ORDER BY position`,
        [organisationId],
      )) as { payload: EventPayload<'organisation.contact_changed'> }[]
    ).map((row) => row.payload);

  it('announces the contact given at declaration, with the consent to SMS its mobile number received', async () => {
    const created = await api
      .as(owner)
      .post<OrganisationView>(
        '/organisations',
        association({ contactPhone: '06 12 34 56 78', contactEmail: 'Bureau@Basket.example', contactSmsConsent: true }),
      );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ contactPhone: '+33612345678', contactSmsConsent: true });
    expect(await announced(created.body.id)).toEqual([
      {
        organisationId: created.body.id,
        contactEmail: 'bureau@basket.example',
        contactPhone: '+33612345678',
        smsConsent: true,
      },
    ]);
  });

  it('refuses a consent to SMS without a mobile number, in French', async () => {
    const landline = await api
      .as(volunteer)
      .post(
        '/organisations',
        association({ rna: 'W381000791', contactPhone: '04 76 00 00 00', contactSmsConsent: true }),
      );
    expect(landline.status).toBe(400);
    expect(landline.body['errors']).toEqual([
      {
        field: 'contactSmsConsent',
        message: 'L’accord pour recevoir des SMS\u00a0: les SMS ne peuvent être envoyés qu’à un numéro de mobile',
      },
    ]);
    const none = await api
      .as(volunteer)
      .post('/organisations', association({ rna: 'W381000792', contactSmsConsent: true }));
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body)).toMatch(/"field":"contactSmsConsent"/);
  });

  it('announces each change of the contact, drops the consent with a new number, and nothing when it is unchanged', async () => {
    const created = await api
      .as(owner)
      .post<OrganisationView>(
        '/organisations',
        association({ rna: 'W381000793', contactPhone: '06 12 34 56 78', contactSmsConsent: true }),
      );
    const id = created.body.id;
    expect(await announced(id)).toHaveLength(1);
    // Another field only: nothing to announce.
    expect((await api.as(owner).patch(`/organisations/${id}`, { communeName: 'Allevard' })).status).toBe(200);
    expect(await announced(id)).toHaveLength(1);
    // A new number without a new consent: none.
    const moved = await api.as(owner).patch<OrganisationView>(`/organisations/${id}`, {
      contactPhone: '06 98 76 54 32',
      contactEmail: 'club@basket.example',
    });
    expect(moved.body).toMatchObject({ contactPhone: '+33698765432', contactSmsConsent: false });
    const [, second] = await announced(id);
    expect(second).toEqual({
      organisationId: id,
      contactEmail: 'club@basket.example',
      contactPhone: '+33698765432',
      smsConsent: false,
    });
    const agreed = await api.as(owner).patch<OrganisationView>(`/organisations/${id}`, { contactSmsConsent: true });
    expect(agreed.body.contactSmsConsent).toBe(true);
    expect((await announced(id)).at(-1)).toMatchObject({ smsConsent: true });
  });

  it('lets only the organisation’s owners change its contact: another organisation’s member and a visitor are refused', async () => {
    const created = await api
      .as(owner)
      .post<OrganisationView>('/organisations', association({ rna: 'W381000794', contactEmail: 'a@basket.example' }));
    const id = created.body.id;
    await api.as(stranger).post('/organisations', association({ rna: 'W381000795' }));
    const refused = await api.as(stranger).patch(`/organisations/${id}`, { contactEmail: 'pirate@example.test' });
    // Another organisation's is not even shown to exist.
    expect(refused.status).toBe(404);
    expect((await api.visitor.patch(`/organisations/${id}`, { contactSmsConsent: true })).status).toBe(401);
    expect(await announced(id)).toHaveLength(1);
  });
});
