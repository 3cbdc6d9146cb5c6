import { DEVELOPMENT_EVENT_SECRET_KEY, eventSecrets } from '@salle/events';
import type { ClaimView, OrganisationView } from '@salle/contracts';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { association } from './fixtures';

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
    const checksum = await api
      .as(volunteer)
      .post('/organisations', association({ rna: undefined, siren: '123456789', insuranceExpiresOn: '2020-01-01' }));
    expect(checksum.status).toBe(400);
    expect((checksum.body['errors'] as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'insuranceExpiresOn',
      'siren',
    ]);
  });

  it('refuses a second declaration of the same RNA and a declaration by an agent or a visitor', async () => {
    const duplicate = await api.as(volunteer).post('/organisations', association({ rna: 'w 381 000 123' }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ code: 'organisation_exists' });
    expect((await api.as(proConnectAgent()).post('/organisations', association({ rna: 'W381000999' }))).status).toBe(
      403,
    );
    expect((await api.visitor.post('/organisations', association({ rna: 'W381000998' }))).status).toBe(401);
  });

  it('lets the real association declare a number whose earlier declaration was rejected, and no one while it is pending', async () => {
    const impostor = franceConnectUser({ displayName: 'Imposteur' });
    const rna = 'W381000444';
    const siren = '552100554';
    const first = await api.as(impostor).post<OrganisationView>('/organisations', association({ rna, siren }));
    expect(first.status).toBe(201);
    const realOwner = franceConnectUser({ displayName: 'Vraie présidente' });
    const blocked = await api.as(realOwner).post('/organisations', association({ rna, siren: undefined }));
    expect(blocked).toMatchObject({ status: 409, body: { code: 'organisation_exists' } });
    const reason = { reason: 'Ce n’est pas votre association.' };
    expect((await api.as(admin).post(`/organisations/${first.body.id}/reject`, reason)).status).toBe(200);

    // Rejected, the declaration no longer holds the RNA nor the SIREN.
    const real = await api.as(realOwner).post<OrganisationView>('/organisations', association({ rna, siren }));
    expect(real.status).toBe(201);
    expect(real.body).toMatchObject({ rna, siren, status: 'pending' });
    // Pending, the real one holds them: neither a third declaration nor verifying the rejected one again takes them.
    const third = await api.as(stranger).post('/organisations', association({ rna: undefined, siren }));
    expect(third).toMatchObject({ status: 409, body: { code: 'organisation_exists' } });
    const again = await api.as(admin).post(`/organisations/${first.body.id}/verify`);
    expect(again).toMatchObject({ status: 409, body: { code: 'organisation_identifier_held' } });
    expect((await api.as(admin).get<OrganisationView>(`/organisations/${first.body.id}`)).body.status).toBe('rejected');
    expect((await api.as(admin).post(`/organisations/${real.body.id}/verify`)).status).toBe(200);
  });

  describe('claims on a verified organisation’s number', () => {
    const holder = franceConnectUser({ displayName: 'Détenteur' });
    const claimant = franceConnectUser({ displayName: 'Vrai président' });
    const rna = 'W381000333';
    const statement = 'Notre association porte ce numéro depuis 1998, voir le Journal officiel.';
    let holderId: string;
    const claim = (caller = claimant, number = 'w 381 000 333') =>
      api.as(caller).post<ClaimView>('/organisation-claims', { number, statement });
    const events = async (type: string) =>
      (
        (await api.service.dataSource.query(
          `SELECT payload FROM booking.event_outbox WHERE type = $1 AND aggregate_id = $2 ORDER BY position`,
          [type, holderId],
        )) as { payload: Record<string, unknown> }[]
      ).map((row) => row.payload);

    beforeAll(async () => {
      holderId = (
        await api.as(holder).post<OrganisationView>('/organisations', association({ rna, name: 'Usurpateur' }))
      ).body.id;
      expect((await api.as(admin).post(`/organisations/${holderId}/verify`)).status).toBe(200);
    });

    it('records one pending claim per claimant, announced once, and refuses what cannot be claimed', async () => {
      const first = await claim();
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        number: rna,
        status: 'pending',
        claimantDisplayName: 'Vrai président',
        organisation: { id: holderId, name: 'Usurpateur', status: 'verified' },
      });
      expect((await claim()).body.id).toBe(first.body.id);
      expect(await events('organisation.claim_requested')).toEqual([
        { claimId: first.body.id, organisationId: holderId, organisationName: 'Usurpateur' },
      ]);

      expect((await claim(holder)).body).toMatchObject({ code: 'claim_own_organisation' });
      expect((await claim(claimant, 'W381000334')).body).toMatchObject({ code: 'nothing_to_claim' });
      const malformed = await claim(claimant, 'W38');
      expect(malformed).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
      expect((await api.as(proConnectAgent()).post('/organisation-claims', { number: rna, statement })).status).toBe(
        403,
      );
      expect((await api.visitor.post('/organisation-claims', { number: rna, statement })).status).toBe(401);
      expect((await api.as(claimant).get('/organisation-claims')).status).toBe(403);
      const queue = await api.as(admin).get<{ items: ClaimView[] }>('/organisation-claims?status=pending');
      expect(queue.body.items.map((item) => item.id)).toContain(first.body.id);
    });

    it('lets an admin dismiss a claim (the holder keeps the number) or grant one (the holder is rejected), both parties told', async () => {
      const pending = (await claim()).body;
      const reason = { reason: 'Pièces insuffisantes.' };
      expect((await api.as(claimant).post(`/organisation-claims/${pending.id}/dismiss`, reason)).status).toBe(403);
      const dismissed = await api.as(admin).post<ClaimView>(`/organisation-claims/${pending.id}/dismiss`, reason);
      expect(dismissed.body).toMatchObject({ status: 'dismissed', decisionReason: 'Pièces insuffisantes.' });
      const twice = await api.as(admin).post(`/organisation-claims/${pending.id}/grant`, reason);
      expect(twice).toMatchObject({ status: 409, body: { code: 'claim_already_decided' } });
      expect((await api.as(claimant).post('/organisations', association({ rna }))).status).toBe(409);

      const again = (await claim()).body;
      expect(again.id).not.toBe(pending.id);
      const grant = { reason: 'Le Journal officiel attribue ce numéro à une autre association.' };
      const granted = await api.as(admin).post<ClaimView>(`/organisation-claims/${again.id}/grant`, grant);
      expect(granted.body).toMatchObject({ status: 'granted', organisation: { id: holderId, status: 'rejected' } });
      expect(await events('organisation.claim_decided')).toEqual([
        expect.objectContaining({ claimId: pending.id, claimantAccountId: claimant.accountId, granted: false }),
        expect.objectContaining({ claimId: again.id, claimantAccountId: claimant.accountId, granted: true }),
      ]);
      expect((await events('organisation.verification_decided')).at(-1)).toEqual({
        organisationId: holderId,
        organisationName: 'Usurpateur',
        verified: false,
        reason: grant.reason,
      });
      // The number is free: the claimant declares their association.
      const declared = await api.as(claimant).post<OrganisationView>('/organisations', association({ rna }));
      expect(declared.status).toBe(201);
    });
  });

  it('hides an organisation from non-members, whose requests get 404', async () => {
    expect((await api.as(stranger).get(`/organisations/${organisationId}`)).status).toBe(404);
    expect((await api.as(stranger).patch(`/organisations/${organisationId}`, { communeName: 'Grenoble' })).status).toBe(
      404,
    );
    expect((await api.as(stranger).get(`/organisations/${organisationId}/members`)).status).toBe(404);
    expect((await api.as(admin).get(`/organisations/${organisationId}`)).status).toBe(200);
  });

  it('lets people join only through an invitation they accept: members may read but not manage', async () => {
    // Nobody is added to an organisation without their consent: there is no "add by account id".
    expect(
      (await api.as(owner).post(`/organisations/${organisationId}/members`, { accountId: volunteer.accountId })).status,
    ).toBe(404);
    const link = await api.as(owner).post<{ token: string }>(`/organisations/${organisationId}/invitations`, {});
    expect((await api.as(volunteer).post('/invitations/accept', { token: link.body.token })).status).toBe(200);
    expect((await api.as(volunteer).get(`/organisations/${organisationId}`)).status).toBe(200);
    expect((await api.as(volunteer).post(`/organisations/${organisationId}/invitations`, {})).status).toBe(403);
    expect(
      (await api.as(volunteer).patch(`/organisations/${organisationId}`, { insuranceReference: 'X' })).status,
    ).toBe(403);
    const members = await api
      .as(volunteer)
      .get<{ items: { accountId: string; role: string }[] }>(`/organisations/${organisationId}/members`);
    expect(members.body.items).toEqual([
      { accountId: owner.accountId, role: 'owner', displayName: owner.displayName },
      { accountId: volunteer.accountId, role: 'member', displayName: 'Jean Martin' },
    ]);
  });

  const waitFor = async (condition: () => Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  };
  const setRole = (caller: typeof owner, member: typeof owner, role: unknown) =>
    api
      .as(caller)
      .patch<{ accountId: string; role: string }>(`/organisations/${organisationId}/members/${member.accountId}`, {
        role,
      });
  const roles = async () =>
    Object.fromEntries(
      (
        await api
          .as(admin)
          .get<{ items: { accountId: string; role: string }[] }>(`/organisations/${organisationId}/members`)
      ).body.items.map((m) => [m.accountId, m.role]),
    );

  it('lets owners only change the role of members only, to a valid role', async () => {
    expect((await setRole(volunteer, volunteer, 'owner')).status).toBe(403);
    expect((await setRole(stranger, volunteer, 'owner')).status).toBe(404);
    expect(
      (await api.visitor.patch(`/organisations/${organisationId}/members/${volunteer.accountId}`, { role: 'owner' }))
        .status,
    ).toBe(401);
    expect(await setRole(owner, stranger, 'owner')).toMatchObject({ status: 404, body: { code: 'member_not_found' } });
    expect((await setRole(owner, volunteer, 'admin')).status).toBe(400);
    const extra = await api.as(owner).patch(`/organisations/${organisationId}/members/${volunteer.accountId}`, {
      role: 'owner',
      accountId: stranger.accountId,
    });
    expect(extra.status).toBe(400);
    expect(
      (await api.as(owner).patch(`/organisations/${organisationId}/members/not-a-uuid`, { role: 'owner' })).status,
    ).toBe(400);
    expect(await roles()).toEqual({ [owner.accountId]: 'owner', [volunteer.accountId]: 'member' });
  });

  it('never leaves the organisation without an owner, even when two owners demote each other at once', async () => {
    expect(await setRole(owner, owner, 'member')).toMatchObject({ status: 409, body: { code: 'last_owner' } });
    expect(await setRole(owner, volunteer, 'owner')).toMatchObject({
      status: 200,
      body: { accountId: volunteer.accountId, role: 'owner' },
    });
    const race = await Promise.all([setRole(owner, volunteer, 'member'), setRole(volunteer, owner, 'member')]);
    // Whoever comes second is no longer an owner.
    expect(race.map((response) => response.status).sort()).toEqual([200, 403]);
    const after = await roles();
    expect(Object.values(after).filter((role) => role === 'owner')).toHaveLength(1);
    // Back to the declarer as the only owner, for the tests that follow.
    if (after[volunteer.accountId] === 'owner') {
      expect((await setRole(volunteer, owner, 'owner')).status).toBe(200);
      expect((await setRole(owner, volunteer, 'member')).status).toBe(200);
    }
    expect(await roles()).toEqual({ [owner.accountId]: 'owner', [volunteer.accountId]: 'member' });
  });

  it('does not let an owner demoted while their request waited act as one', async () => {
    expect((await setRole(owner, volunteer, 'owner')).status).toBe(200);
    // Hold the memberships' lock, as a concurrent change would, while the volunteer's request (read as an owner's) waits for it.
    const runner = api.service.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT 1 FROM booking.membership WHERE organisation_id = $1 FOR UPDATE`, [organisationId]);
      const pending = setRole(volunteer, owner, 'member');
      await waitFor(async () => {
        const [row] = await runner.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return row.waiting > 0;
      });
      await runner.query(
        `UPDATE booking.membership SET role = 'member' WHERE organisation_id = $1 AND account_id = $2`,
        [organisationId, volunteer.accountId],
      );
      await runner.commitTransaction();
      expect(await pending).toMatchObject({ status: 403 });
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await roles()).toEqual({ [owner.accountId]: 'owner', [volunteer.accountId]: 'member' });
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

  it('announces a declaration to the admins and the département’s decision to the members, once each, nothing for a refused attempt', async () => {
    const founder = franceConnectUser({ displayName: 'Fondatrice' });
    const club = (
      await api
        .as(founder)
        .post<OrganisationView>('/organisations', association({ rna: 'W381000888', name: 'Judo de Vizille' }))
    ).body.id;
    const announced = async () =>
      (
        (await api.service.dataSource.query(
          `SELECT type, payload FROM booking.event_outbox
            WHERE type IN ('organisation.declared', 'organisation.verification_decided') AND aggregate_id = $1
            ORDER BY position`,
          [club],
        )) as { type: string; payload: Record<string, unknown> }[]
      ).map((row) => ({ type: row.type, ...row.payload }));
    expect(await announced()).toEqual([
      { type: 'organisation.declared', organisationId: club, organisationName: 'Judo de Vizille' },
    ]);
    expect((await api.as(founder).post(`/organisations/${club}/verify`)).status).toBe(403);
    expect((await api.as(admin).post(`/organisations/${club}/reject`, { reason: 'Assurance illisible' })).status).toBe(
      200,
    );
    expect((await api.as(admin).post(`/organisations/${club}/verify`)).status).toBe(200);
    expect((await announced()).slice(1)).toEqual([
      {
        type: 'organisation.verification_decided',
        organisationId: club,
        organisationName: 'Judo de Vizille',
        verified: false,
        reason: 'Assurance illisible',
      },
      {
        type: 'organisation.verification_decided',
        organisationId: club,
        organisationName: 'Judo de Vizille',
        verified: true,
        reason: null,
      },
    ]);
  });

  it('lets the owner renew the insurance but not with an expired date', async () => {
    const renewed = await api.as(owner).patch<OrganisationView>(`/organisations/${organisationId}`, {
      insuranceReference: 'MAIF 654321',
      insuranceExpiresOn: '2099-12-31',
    });
    expect(renewed.body).toMatchObject({
      insuranceReference: 'MAIF 654321',
      insuranceExpiresOn: '2099-12-31',
      status: 'verified',
    });
    expect(
      (await api.as(owner).patch(`/organisations/${organisationId}`, { insuranceExpiresOn: '2001-01-01' })).status,
    ).toBe(400);
  });

  it('lets a member leave', async () => {
    expect(
      (await api.as(volunteer).delete(`/organisations/${organisationId}/members/${volunteer.accountId}`)).status,
    ).toBe(204);
    expect((await api.as(volunteer).get(`/organisations/${organisationId}`)).status).toBe(404);
  });

  it('announces each membership change to the gateway in its own transaction, and nothing for a refused one', async () => {
    const founder = franceConnectUser({ displayName: 'Fondatrice' });
    const joiner = franceConnectUser({ displayName: 'Arrivant' });
    const club = (
      await api
        .as(founder)
        .post<OrganisationView>('/organisations', association({ rna: 'W381000555', name: 'Échecs de Voiron' }))
    ).body.id;
    const announced = async () =>
      (
        await api.service.dataSource.query(
          `SELECT aggregate_id AS "aggregateId", payload FROM booking.event_outbox WHERE type = 'organisation.membership_changed' AND payload->>'organisationId' = $1 ORDER BY position`,
          [club],
        )
      ).map((row: { aggregateId: string; payload: { accountId: string; change: string } }) => [
        row.aggregateId,
        row.payload.accountId,
        row.payload.change,
      ]);

    const { token } = (await api.as(founder).post<{ token: string }>(`/organisations/${club}/invitations`, {})).body;
    expect((await api.as(joiner).post('/invitations/accept', { token })).status).toBe(200);
    expect(
      (await api.as(founder).patch(`/organisations/${club}/members/${joiner.accountId}`, { role: 'owner' })).status,
    ).toBe(200);
    expect(
      (await api.as(founder).patch(`/organisations/${club}/members/${joiner.accountId}`, { role: 'member' })).status,
    ).toBe(200);
    expect((await api.as(joiner).delete(`/organisations/${club}/members/${founder.accountId}`)).status).toBe(403);
    expect((await api.as(founder).delete(`/organisations/${club}/members/${founder.accountId}`)).status).toBe(409);
    expect((await api.as(founder).delete(`/organisations/${club}/members/${joiner.accountId}`)).status).toBe(204);

    expect(await announced()).toEqual([
      [club, founder.accountId, 'joined'],
      [club, joiner.accountId, 'joined'],
      [club, joiner.accountId, 'role_changed'],
      [club, joiner.accountId, 'role_changed'],
      [club, joiner.accountId, 'left'],
    ]);
  });

  describe('invitation links', () => {
    const inviter = franceConnectUser({ displayName: 'Claire Responsable' });
    const newcomer = franceConnectUser({ displayName: 'Nadia Benali' });
    let clubId: string;
    const invite = (caller = inviter, role?: 'owner' | 'member', id = clubId) =>
      api
        .as(caller)
        .post<{ id: string; token: string; role: string; expiresAt: string }>(
          `/organisations/${id}/invitations`,
          role ? { role } : {},
        );

    beforeAll(async () => {
      clubId = (
        await api
          .as(inviter)
          .post<OrganisationView>('/organisations', association({ rna: 'W381000777', name: 'Chorale de Vienne' }))
      ).body.id;
    });

    it('lets an owner invite someone, who sees the organisation, joins with the chosen role and is named to the owners', async () => {
      const created = await invite(inviter, 'owner');
      expect(created.status).toBe(201);
      expect(created.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Date.parse(created.body.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
      const stored = await api.service.dataSource.query(
        `SELECT token_hash FROM booking.organisation_invitation WHERE id = $1`,
        [created.body.id],
      );
      expect(stored[0].token_hash).not.toContain(created.body.token);

      const preview = await api.as(newcomer).post('/invitations/lookup', { token: created.body.token });
      expect(preview.body).toMatchObject({
        organisationId: clubId,
        organisationName: 'Chorale de Vienne',
        role: 'owner',
      });
      const joined = await api
        .as(newcomer)
        .post<OrganisationView>('/invitations/accept', { token: created.body.token });
      expect(joined.status).toBe(200);
      expect(joined.body.id).toBe(clubId);
      const members = await api.as(inviter).get<{ items: unknown[] }>(`/organisations/${clubId}/members`);
      expect(members.body.items).toContainEqual({
        accountId: newcomer.accountId,
        role: 'owner',
        displayName: 'Nadia Benali',
      });
      expect((await api.as(newcomer).get('/me')).body).toMatchObject({
        organisations: [{ id: clubId, role: 'owner' }],
      });
    });

    it('e-mails a link when the owner gives an address: the event carries its secret sealed, the answer none', async () => {
      const created = await api
        .as(inviter)
        .post<{ id: string; token?: string; sentTo?: string }>(`/organisations/${clubId}/invitations`, {
          role: 'member',
          email: 'Bruno.Martin@example.test',
        });
      expect(created.status).toBe(201);
      expect(created.body.token).toBeUndefined();
      expect(created.body.sentTo).toBe('B•••@example.test');
      const [row] = (await api.service.dataSource.query(
        `SELECT payload, payload::text AS raw FROM booking.event_outbox WHERE type = 'organisation.member_invited' AND payload->>'invitationId' = $1`,
        [created.body.id],
      )) as { payload: Record<string, string>; raw: string }[];
      expect(row?.payload).toMatchObject({
        organisationId: clubId,
        organisationName: 'Chorale de Vienne',
        email: 'Bruno.Martin@example.test',
        role: 'member',
        inviterName: 'Claire Responsable',
      });
      // What the notification service opens is the link's secret, which lets the invitee join.
      const token = eventSecrets(DEVELOPMENT_EVENT_SECRET_KEY).open(
        String(row?.payload['sealedToken']),
        'organisation.member_invited',
      );
      expect(row?.raw).not.toContain(token);
      const invitee = franceConnectUser();
      expect((await api.as(invitee).post('/invitations/accept', { token })).status).toBe(200);

      const malformed = await api
        .as(inviter)
        .post<{ code: string; errors: { field: string; message: string }[] }>(`/organisations/${clubId}/invitations`, {
          email: 'pas-une-adresse',
        });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors[0]?.message).toContain('adresse électronique');
      // Only an owner sends one, and only for their organisation.
      const asMember = await api
        .as(invitee)
        .post(`/organisations/${clubId}/invitations`, { email: 'someone@example.test' });
      expect(asMember.status).toBe(403);
      expect(
        (await api.as(owner).post(`/organisations/${clubId}/invitations`, { email: 'someone@example.test' })).status,
      ).toBe(404);
    });

    it('serves a link once, and says why a used, revoked, expired or unknown link no longer works', async () => {
      const used = (await invite()).body;
      expect((await api.as(franceConnectUser()).post('/invitations/accept', { token: used.token })).status).toBe(200);
      const again = await api.as(franceConnectUser()).post('/invitations/accept', { token: used.token });
      expect(again).toMatchObject({ status: 410, body: { code: 'invitation_used' } });

      const revoked = (await invite()).body;
      expect((await api.as(inviter).delete(`/organisations/${clubId}/invitations/${revoked.id}`)).status).toBe(204);
      expect(
        (await api.as(franceConnectUser()).post('/invitations/lookup', { token: revoked.token })).body,
      ).toMatchObject({ code: 'invitation_revoked' });
      expect((await api.as(inviter).delete(`/organisations/${clubId}/invitations/${revoked.id}`)).status).toBe(404);

      const expired = (await invite()).body;
      await api.service.dataSource.query(
        `UPDATE booking.organisation_invitation SET created_at = now() - interval '8 days', expires_at = now() - interval '1 day' WHERE id = $1`,
        [expired.id],
      );
      expect(
        (await api.as(franceConnectUser()).post('/invitations/accept', { token: expired.token })).body,
      ).toMatchObject({ code: 'invitation_expired' });

      const unknown = await api.as(franceConnectUser()).post('/invitations/lookup', { token: 'A'.repeat(43) });
      expect(unknown).toMatchObject({ status: 404, body: { code: 'invitation_not_found' } });
      const malformed = await api.as(franceConnectUser()).post('/invitations/accept', { token: 'abc' });
      expect(malformed.status).toBe(400);
      expect(JSON.stringify(malformed.body)).toContain('token');

      // Only the links still usable are listed to the owner.
      const open = await api.as(inviter).get<{ items: { id: string }[] }>(`/organisations/${clubId}/invitations`);
      expect(open.body.items.map((i) => i.id)).not.toEqual(expect.arrayContaining([used.id]));
      expect(open.body.items.map((i) => i.id)).not.toContain(revoked.id);
      expect(open.body.items.map((i) => i.id)).not.toContain(expired.id);
    });

    it('keeps the link for someone else when a member opens it, and lets exactly one of two people racing use it', async () => {
      const link = (await invite()).body;
      const already = await api.as(inviter).post('/invitations/accept', { token: link.token });
      expect(already).toMatchObject({ status: 409, body: { code: 'already_member' } });
      const racers = [franceConnectUser(), franceConnectUser()];
      const outcomes = await Promise.all(
        racers.map((racer) => api.as(racer).post('/invitations/accept', { token: link.token })),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual([200, 410]);
    });

    it('lets only owners invite, list and revoke, hides other organisations, and keeps agents and visitors out', async () => {
      const member = franceConnectUser();
      await api.as(member).post('/invitations/accept', { token: (await invite(inviter, 'member')).body.token });
      expect((await invite(member)).status).toBe(403);
      expect((await api.as(member).get(`/organisations/${clubId}/invitations`)).status).toBe(403);
      const link = (await invite()).body;
      expect((await api.as(member).delete(`/organisations/${clubId}/invitations/${link.id}`)).status).toBe(403);

      // The first organisation's owner owns nothing here: it does not even exist for them.
      expect((await invite(owner)).status).toBe(404);
      expect((await api.as(owner).delete(`/organisations/${clubId}/invitations/${link.id}`)).status).toBe(404);
      expect((await api.as(owner).delete(`/organisations/${organisationId}/invitations/${link.id}`)).status).toBe(404);
      expect((await api.as(admin).post(`/organisations/${clubId}/invitations`, {})).status).toBe(403);

      expect((await api.visitor.post('/invitations/lookup', { token: link.token })).status).toBe(401);
      expect((await api.visitor.post('/invitations/accept', { token: link.token })).status).toBe(401);
      expect((await api.as(proConnectAgent()).post('/invitations/accept', { token: link.token })).status).toBe(403);
      expect((await api.as(inviter).post(`/organisations/${clubId}/invitations`, { role: 'admin' })).status).toBe(400);
      expect((await api.as(inviter).get('/organisations/not-an-id/invitations')).status).toBe(400);
      expect((await api.as(inviter).delete(`/organisations/${clubId}/invitations/not-an-id`)).status).toBe(400);
      expect(
        (await api.as(inviter).post(`/organisations/${clubId}/invitations`, { role: 'member', extra: 1 })).status,
      ).toBe(400);
    });
  });
});
