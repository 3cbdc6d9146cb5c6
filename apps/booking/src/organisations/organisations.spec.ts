import type { OrganisationView } from '@salle/contracts';
import { departmentAdmin, franceConnectUser, proConnectAgent, startBookingTestService, type BookingTestService } from '../../test/booking-test-service';
import { association } from '../../test/fixtures';

describe('organisations API', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const owner = franceConnectUser();
  const volunteer = franceConnectUser({ displayName: 'Jean Martin' });
  const stranger = franceConnectUser({ displayName: 'Intrus' });
  let organisationId: string;

  beforeAll(async () => {
    api = await startBookingTestService('organisations');
    const created = await api.as(owner).post<OrganisationView>('/organisations', association());
    expect(created.status).toBe(201);
    organisationId = created.body.id;
  });
  afterAll(() => api.stop());

  it('declares an organisation as pending, with its declarer as owner', async () => {
    const view = await api.as(owner).get<OrganisationView>(`/organisations/${organisationId}`);
    expect(view.body).toMatchObject({ name: 'Basket Club du Grésivaudan', rna: 'W381000123', status: 'pending' });
    const me = await api.as(owner).get('/me');
    expect(me.body).toMatchObject({
      roles: ['organisation_member'],
      organisations: [{ id: organisationId, role: 'owner', status: 'pending' }],
    });
  });

  it('refuses a declaration without the eligibility commitments, identifiers or valid insurance', async () => {
    const response = await api.as(volunteer).post('/organisations', {
      ...association({ rna: undefined, name: 'Autre' }),
      eligibility: { notReligious: true, notPolitical: false, notProfitMaking: true },
      republicanContractAcknowledged: false,
    });
    expect(response.status).toBe(400);
    const fields = (response.body['errors'] as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['eligibility.notPolitical', 'republicanContractAcknowledged', 'rna']);
    const checksum = await api.as(volunteer).post('/organisations', association({ rna: undefined, siren: '123456789', insuranceExpiresOn: '2020-01-01' }));
    expect(checksum.status).toBe(400);
    expect((checksum.body['errors'] as { field: string }[]).map((e) => e.field).sort()).toEqual(['insuranceExpiresOn', 'siren']);
  });

  it('refuses a second declaration of the same RNA and a declaration by an agent or a visitor', async () => {
    const duplicate = await api.as(volunteer).post('/organisations', association({ rna: 'w 381 000 123' }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ code: 'organisation_exists' });
    expect((await api.as(proConnectAgent()).post('/organisations', association({ rna: 'W381000999' }))).status).toBe(403);
    expect((await api.visitor.post('/organisations', association({ rna: 'W381000998' }))).status).toBe(401);
  });

  it('hides an organisation from non-members, whose requests get 404', async () => {
    expect((await api.as(stranger).get(`/organisations/${organisationId}`)).status).toBe(404);
    expect((await api.as(stranger).patch(`/organisations/${organisationId}`, { communeName: 'Grenoble' })).status).toBe(404);
    expect((await api.as(stranger).get(`/organisations/${organisationId}/members`)).status).toBe(404);
    expect((await api.as(admin).get(`/organisations/${organisationId}`)).status).toBe(200);
  });

  it('lets the owner add members, who may read but not manage', async () => {
    expect((await api.as(owner).post(`/organisations/${organisationId}/members`, { accountId: volunteer.accountId })).status).toBe(204);
    expect((await api.as(volunteer).get(`/organisations/${organisationId}`)).status).toBe(200);
    expect((await api.as(volunteer).post(`/organisations/${organisationId}/members`, { accountId: stranger.accountId })).status).toBe(403);
    expect((await api.as(volunteer).patch(`/organisations/${organisationId}`, { insuranceReference: 'X' })).status).toBe(403);
    const members = await api.as(volunteer).get<{ items: { accountId: string; role: string }[] }>(`/organisations/${organisationId}/members`);
    expect(members.body.items).toEqual([
      { accountId: owner.accountId, role: 'owner' },
      { accountId: volunteer.accountId, role: 'member' },
    ]);
  });

  it('never removes the last owner', async () => {
    const response = await api.as(owner).delete(`/organisations/${organisationId}/members/${owner.accountId}`);
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'last_owner' });
  });

  it('leaves the verification to département admins', async () => {
    expect((await api.as(owner).post(`/organisations/${organisationId}/verify`)).status).toBe(403);
    expect((await api.as(proConnectAgent()).post(`/organisations/${organisationId}/verify`)).status).toBe(403);
    const queue = await api.as(admin).get<{ items: OrganisationView[] }>('/organisations?status=pending');
    expect(queue.body.items.map((o) => o.id)).toContain(organisationId);
    expect((await api.as(admin).post(`/organisations/${organisationId}/reject`, { reason: '' })).status).toBe(400);
    const verified = await api.as(admin).post<OrganisationView>(`/organisations/${organisationId}/verify`);
    expect(verified.body.status).toBe('verified');
    const ownList = await api.as(stranger).get<{ items: OrganisationView[] }>('/organisations');
    expect(ownList.body.items).toEqual([]);
  });

  it('lets the owner renew the insurance but not with an expired date', async () => {
    const renewed = await api.as(owner).patch<OrganisationView>(`/organisations/${organisationId}`, {
      insuranceReference: 'MAIF 654321',
      insuranceExpiresOn: '2099-12-31',
    });
    expect(renewed.body).toMatchObject({ insuranceReference: 'MAIF 654321', insuranceExpiresOn: '2099-12-31', status: 'verified' });
    expect((await api.as(owner).patch(`/organisations/${organisationId}`, { insuranceExpiresOn: '2001-01-01' })).status).toBe(400);
  });

  it('lets a member leave', async () => {
    expect((await api.as(volunteer).delete(`/organisations/${organisationId}/members/${volunteer.accountId}`)).status).toBe(204);
    expect((await api.as(volunteer).get(`/organisations/${organisationId}`)).status).toBe(404);
  });
});
