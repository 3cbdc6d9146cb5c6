import type { Caller } from '@salle/auth';
import type { EstablishmentView, ManagerInvitationView, ManagersView } from '@salle/contracts';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, beaurepaire, gymnasium } from './fixtures';

describe('catalogue API', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const allevardAgent = proConnectAgent({ siret: allevard.siret });
  const beaurepaireAgent = proConnectAgent({ siret: beaurepaire.siret });
  const citizen = franceConnectUser();
  let allevardId: string;
  let beaurepaireId: string;

  beforeAll(async () => {
    api = await startBookingTestService('catalogue');
    allevardId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    beaurepaireId = (await api.as(admin).post<EstablishmentView>('/establishments', beaurepaire)).body.id;
  });
  afterAll(() => api.stop());

  describe('establishments', () => {
    it('lets an admin create one, with normalised identifiers', async () => {
      const created = await api.as(admin).post('/establishments', {
        ...allevard,
        uai: '0380 003x',
        siret: '193 800 059 00019',
        name: 'Collège de test',
        status: 'draft',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ uai: '0380003X', siret: '19380005900019', status: 'draft' });
      expect(created.body).not.toHaveProperty('icsToken');
    });

    it('refuses creation to anyone but an admin', async () => {
      expect((await api.visitor.post('/establishments', allevard)).status).toBe(401);
      expect((await api.as(citizen).post('/establishments', allevard)).status).toBe(403);
      expect((await api.as(allevardAgent).post('/establishments', { ...allevard, uai: '0380004Y' })).status).toBe(403);
    });

    it('names the invalid identifiers', async () => {
      const response = await api
        .as(admin)
        .post('/establishments', { ...allevard, uai: '0380002A', siret: '19380002900013', communeInsee: '3800' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed' });
      const fields = (response.body['errors'] as { field: string }[]).map((e) => e.field).sort();
      expect(fields).toEqual(['communeInsee', 'siret', 'uai']);
    });

    it('refuses unknown fields and malformed values', async () => {
      const response = await api.as(admin).post('/establishments', { ...allevard, latitude: 200, color: 'blue' });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body['errors'])).toMatch(/latitude/);
      expect(JSON.stringify(response.body['errors'])).toMatch(/color/);
    });

    it('refuses a SIRET whose key is right but whose SIREN is not, and records nothing', async () => {
      // 19380002900012 passes the Luhn key over its 14 digits; its SIREN 193800029 fails its own.
      const college = { ...allevard, uai: '0380007B', siret: '19380002900012', name: 'Collège au SIRET faux' };
      const response = await api.as(admin).post('/establishments', college);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed' });
      expect(response.body['errors']).toEqual([{ field: 'siret', message: expect.stringMatching(/SIREN/) }]);
      const listed = await api.service.dataSource.query(`SELECT 1 FROM booking.establishment WHERE uai = $1`, [
        college.uai,
      ]);
      expect(listed).toEqual([]);
    });

    it('says what is wrong in plain French, naming each field, for any bad body', async () => {
      const response = await api.as(admin).post('/establishments', { ...allevard, name: '', latitude: 200, color: 1 });
      expect(response.body).toMatchObject({
        status: 400,
        title: 'Certaines informations sont manquantes ou incorrectes\u00a0: le nom, la latitude.',
      });
      expect(response.body['errors']).toEqual([
        { field: 'name', message: 'Le nom\u00a0: doit contenir au moins 1 caractère' },
        { field: 'latitude', message: 'La latitude\u00a0: doit être au plus 90' },
        { field: '(racine)', message: 'Information non prévue\u00a0: color' },
      ]);
      const missing = await api.as(admin).post('/establishments', { name: 'Collège sans adresse' });
      const text = JSON.stringify(missing.body);
      expect(text).toContain('Le code UAI\u00a0: est obligatoire');
      expect(text).not.toMatch(/Invalid|expected|Too (small|big)|received|requête/);
    });

    it('answers 409 for a duplicate UAI', async () => {
      const response = await api.as(admin).post('/establishments', allevard);
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'establishment_exists' });
    });

    it('shows visitors only active establishments', async () => {
      const list = await api.visitor.get<{ items: EstablishmentView[]; total: number }>('/establishments?pageSize=100');
      expect(list.status).toBe(200);
      expect(list.body.items.every((e) => e.status === 'active')).toBe(true);
      expect(list.body.items.map((e) => e.uai)).toEqual(expect.arrayContaining(['0380002W', '0382101C']));
      const adminList = await api.as(admin).get<{ items: EstablishmentView[] }>('/establishments?status=draft');
      expect(adminList.body.items.map((e) => e.uai)).toEqual(['0380003X']);
      expect((await api.visitor.get('/establishments?pageSize=1000')).status).toBe(400);
    });

    it('finds collèges by part of their name or commune whatever the accents, case and apostrophes typed', async () => {
      const found = async (q: string) =>
        (
          await api.visitor.get<{ items: EstablishmentView[] }>(`/establishments?q=${encodeURIComponent(q)}`)
        ).body.items.map((e) => e.uai);
      expect(await found('college flavius')).toEqual(['0380002W']);
      expect(await found('COLLÈGE JACQUES')).toEqual(['0382101C']);
      expect(await found('beaurépaire')).toEqual(['0382101C']);
      expect(await found('0380002w')).toEqual(['0380002W']);
      expect(await found('collège jacques brol')).toEqual([]);
      // The typographic apostrophe and the typed one are the same letter.
      const oree = (
        await api.as(admin).post<EstablishmentView>('/establishments', {
          ...beaurepaire,
          uai: '0382102D',
          siret: '19382100600007',
          name: 'Collège de l’Œuvre',
        })
      ).body;
      expect(await found("college de l'oeuvre")).toEqual([oree.uai]);
    });

    it('links a ProConnect agent to the collège whose SIRET they carry, and to no other', async () => {
      const own = await api
        .as(allevardAgent)
        .patch(`/establishments/${allevardId}`, { contactEmail: 'gestion@college-allevard.fr' });
      expect(own.status).toBe(200);
      expect(own.body['contactEmail']).toBe('gestion@college-allevard.fr');
      const other = await api
        .as(allevardAgent)
        .patch(`/establishments/${beaurepaireId}`, { contactEmail: 'x@example.fr' });
      expect(other.status).toBe(403);
    });

    it('keeps the département-only fields for admins', async () => {
      const response = await api.as(allevardAgent).patch(`/establishments/${allevardId}`, { name: 'Autre nom' });
      expect(response.status).toBe(403);
      expect(String(response.body['detail'])).toContain('name');
      expect(
        (await api.as(admin).patch(`/establishments/${allevardId}`, { name: 'Collège Flavius Vaussenat' })).status,
      ).toBe(200);
    });

    describe('managers', () => {
      const managersOf = async (id: string) =>
        (await api.as(admin).get<ManagersView>(`/establishments/${id}/managers`)).body;
      const invite = (id: string, email: string, caller: Caller = admin) =>
        api.as(caller).post<ManagerInvitationView>(`/establishments/${id}/managers/invitations`, { email });
      /** What the notification service is told to e-mail about the collège's invitations. */
      const invitationsAnnounced = async (id: string) =>
        (
          (await api.service.dataSource.query(
            `SELECT payload FROM booking.event_outbox WHERE type = 'establishment.manager_invited' AND aggregate_id = $1
              ORDER BY position`,
            [id],
          )) as { payload: Record<string, unknown> }[]
        ).map((row) => row.payload);

      it('invites an agent by professional e-mail, accepted at their first ProConnect login with that e-mail', async () => {
        const newcomer = proConnectAgent({ displayName: 'Julien Bernard', email: 'julien.bernard@ac-grenoble.fr' });
        const contactPhone = { contactPhone: '0476000000' };
        expect((await api.as(newcomer).patch(`/establishments/${beaurepaireId}`, contactPhone)).status).toBe(403);

        const invited = await invite(beaurepaireId, 'Julien.Bernard@AC-Grenoble.fr');
        expect(invited.status).toBe(201);
        expect(invited.body).toMatchObject({ email: 'julien.bernard@ac-grenoble.fr' });
        // Inviting again answers the same invitation.
        expect((await invite(beaurepaireId, 'julien.bernard@ac-grenoble.fr')).body.id).toBe(invited.body.id);
        expect((await managersOf(beaurepaireId)).invitations).toEqual([invited.body]);
        // Announced once, for the notification service to e-mail it: not again for the same invitation.
        const beaurepaireName = (await api.as(admin).get<EstablishmentView>(`/establishments/${beaurepaireId}`)).body
          .name;
        expect(await invitationsAnnounced(beaurepaireId)).toEqual([
          {
            invitationId: invited.body.id,
            establishmentId: beaurepaireId,
            establishmentName: beaurepaireName,
            email: 'julien.bernard@ac-grenoble.fr',
            inviterName: admin.displayName,
          },
        ]);

        // Neither another agent nor a citizen claiming that address accepts it.
        await api.as(proConnectAgent({ email: 'autre.agent@ac-grenoble.fr' })).get('/me');
        await api.as(franceConnectUser({ email: 'julien.bernard@ac-grenoble.fr' })).get('/me');
        expect((await managersOf(beaurepaireId)).invitations).toHaveLength(1);

        const me = await api.as(newcomer).get<{ roles: string[] }>('/me');
        expect(me.body.roles).toContain('establishment_manager');
        const { managers, invitations } = await managersOf(beaurepaireId);
        expect(invitations).toEqual([]);
        expect(managers.find((manager) => manager.accountId === newcomer.accountId)).toMatchObject({
          displayName: 'Julien Bernard',
          email: 'julien.bernard@ac-grenoble.fr',
          origin: 'invitation',
        });
        expect((await api.as(newcomer).patch(`/establishments/${beaurepaireId}`, contactPhone)).status).toBe(200);

        const again = await invite(beaurepaireId, 'julien.bernard@ac-grenoble.fr');
        expect(again.status).toBe(409);
        expect(again.body).toMatchObject({ code: 'already_manager' });
      });

      it('refuses an invitation to anyone but an admin, a malformed e-mail and an unknown collège', async () => {
        expect((await api.visitor.post(`/establishments/${beaurepaireId}/managers/invitations`, {})).status).toBe(401);
        expect((await invite(beaurepaireId, 'x@ac-grenoble.fr', beaurepaireAgent)).status).toBe(403);
        expect((await invite(allevardId, 'x@ac-grenoble.fr', beaurepaireAgent)).status).toBe(403);
        expect((await invite(beaurepaireId, 'x@ac-grenoble.fr', citizen)).status).toBe(403);
        const malformed = await invite(beaurepaireId, 'pas une adresse');
        expect(malformed.status).toBe(400);
        expect(malformed.body).toMatchObject({ code: 'validation_failed' });
        const unknown = await invite('8d4f8a0e-5a55-4f1e-9a1b-1d2a3b4c5d6e', 'x@ac-grenoble.fr');
        expect(unknown.status).toBe(404);
        expect((await managersOf(beaurepaireId)).invitations).toEqual([]);
        expect(
          (await invitationsAnnounced(beaurepaireId)).filter((payload) => payload['email'] === 'x@ac-grenoble.fr'),
        ).toEqual([]);
      });

      it('withdraws an invitation, which then designates nobody', async () => {
        const invited = await invite(allevardId, 'retire@ac-grenoble.fr');
        const path = `/establishments/${allevardId}/managers/invitations/${invited.body.id}`;
        expect((await api.as(allevardAgent).delete(path)).status).toBe(403);
        expect(
          (await api.as(admin).delete(`/establishments/${beaurepaireId}/managers/invitations/${invited.body.id}`))
            .status,
        ).toBe(404);
        expect((await api.as(admin).delete(path)).status).toBe(204);
        const gone = await api.as(admin).delete(path);
        expect(gone.status).toBe(404);
        expect(gone.body).toMatchObject({ code: 'manager_invitation_not_found' });
        const agent = proConnectAgent({ email: 'retire@ac-grenoble.fr' });
        expect((await api.as(agent).get<{ roles: string[] }>('/me')).body.roles).toEqual([]);
      });

      it('revokes a manager granted through the SIRET match, who is not designated again until invited', async () => {
        const college = { ...allevard, uai: '0380006A', siret: '19380010900012', name: 'Collège du Grésivaudan' };
        const id = (await api.as(admin).post<EstablishmentView>('/establishments', college)).body.id;
        const agent = proConnectAgent({
          siret: college.siret,
          displayName: 'Nadia Roux',
          email: 'nadia.roux@ac-grenoble.fr',
        });
        await api.as(agent).get('/me');
        await api.as(agent).get('/me');
        expect((await managersOf(id)).managers).toEqual([
          expect.objectContaining({ accountId: agent.accountId, email: 'nadia.roux@ac-grenoble.fr', origin: 'siret' }),
        ]);
        // The grant is in the audit log once, by the rule, naming the agent and why.
        expect(await grantsAudited(id)).toEqual([
          { actor_role: 'system', actor_account_id: null, object_id: agent.accountId, origin: 'siret' },
        ]);

        const path = `/establishments/${id}/managers/${agent.accountId}`;
        expect((await api.as(agent).delete(path)).status).toBe(403);
        expect((await api.as(beaurepaireAgent).delete(path)).status).toBe(403);
        expect((await api.visitor.delete(path)).status).toBe(401);
        const stranger = await api.as(admin).delete(`/establishments/${id}/managers/${citizen.accountId}`);
        expect(stranger.status).toBe(404);
        expect(stranger.body).toMatchObject({ code: 'manager_not_found' });

        expect((await api.as(admin).delete(path)).status).toBe(204);
        // The SIRET still matches, yet the agent's next calls do not designate them again.
        expect((await api.as(agent).patch(`/establishments/${id}`, { contactPhone: '0476000001' })).status).toBe(403);
        expect((await managersOf(id)).managers).toEqual([]);
        const [announced] = (await api.service.dataSource.query(
          `SELECT payload FROM booking.event_outbox WHERE type = 'establishment.contacts_changed' AND aggregate_id = $1
            ORDER BY position DESC LIMIT 1`,
          [id],
        )) as { payload: { managerAccountIds: string[] } }[];
        expect(announced?.payload.managerAccountIds).toEqual([]);

        // The département may choose them again, by invitation.
        expect((await invite(id, 'nadia.roux@ac-grenoble.fr')).status).toBe(201);
        await api.as(agent).get('/me');
        expect((await managersOf(id)).managers).toEqual([
          expect.objectContaining({ accountId: agent.accountId, origin: 'invitation' }),
        ]);
        expect((await grantsAudited(id)).map((grant) => grant.origin)).toEqual(['siret', 'invitation']);
      });

      const grantsAudited = async (establishmentId: string) =>
        (await api.service.dataSource.query(
          `SELECT actor_role, actor_account_id, object_id, changes->'origin'->>'after' AS origin
             FROM booking.audit_log WHERE action = 'manager.granted' AND establishment_id = $1 ORDER BY id`,
          [establishmentId],
        )) as { actor_role: string; actor_account_id: string | null; object_id: string; origin: string }[];

      it('lists a collège’s managers to its managers only', async () => {
        const path = `/establishments/${allevardId}/managers`;
        expect((await api.as(allevardAgent).get(path)).status).toBe(200);
        expect((await api.as(beaurepaireAgent).get(path)).status).toBe(403);
        expect((await api.as(citizen).get(path)).status).toBe(403);
        expect((await api.visitor.get(path)).status).toBe(401);
      });
    });

    it('answers 404 for an unknown establishment and 400 for a malformed id', async () => {
      expect((await api.visitor.get('/establishments/8d4f8a0e-5a55-4f1e-9a1b-1d2a3b4c5d6e')).status).toBe(404);
      expect((await api.visitor.get('/establishments/not-an-id')).status).toBe(400);
    });
  });

  describe('spaces', () => {
    let spaceId: string;

    beforeAll(async () => {
      const created = await api.as(allevardAgent).post(`/establishments/${allevardId}/spaces`, gymnasium);
      expect(created.status).toBe(201);
      spaceId = created.body['id'] as string;
    });

    const managers: [string, () => Caller][] = [
      ['the collège manager', () => allevardAgent],
      ['an admin', () => admin],
    ];
    const outsiders: [string, () => Caller | undefined, number][] = [
      ['a visitor', () => undefined, 401],
      ['a citizen', () => citizen, 403],
      ['another collège manager', () => beaurepaireAgent, 403],
    ];

    it.each(managers)('lets %s set opening rules and tariffs', async (_label, who) => {
      const rules = await api.as(who()).put(`/spaces/${spaceId}/opening-rules`, {
        rules: [
          { weekdays: [1, 2, 3, 4, 5], startTime: '18:00', endTime: '22:00' },
          { weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' },
        ],
      });
      expect(rules.status).toBe(200);
      const tariffs = await api.as(who()).put(`/spaces/${spaceId}/tariffs`, {
        tariffs: [
          { category: 'association', hourlyCents: 1500 },
          { category: 'commune', hourlyCents: 0 },
        ],
      });
      expect(tariffs.status).toBe(200);
      const details = await api.visitor.get(`/spaces/${spaceId}`);
      // Allevard is in zone A: the school year in course ends on the last day of classes before the summer.
      expect(details.body['schoolYearEndsOn']).toMatch(/^20\d\d-07-0\d$/);
      expect(details.body).toMatchObject({
        name: 'Gymnase',
        openingRules: [
          { weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' },
          { weekdays: [1, 2, 3, 4, 5], startTime: '18:00', endTime: '22:00', period: 'school_term' },
        ],
        tariffs: [
          { category: 'association', hourlyCents: 1500, depositCents: 0 },
          { category: 'commune', hourlyCents: 0 },
        ],
      });
    });

    it.each(outsiders)('refuses %s any change to the space', async (_label, who, status) => {
      const caller = who();
      const client = caller ? api.as(caller) : api.visitor;
      expect((await client.patch(`/spaces/${spaceId}`, { capacity: 10 })).status).toBe(status);
      expect((await client.put(`/spaces/${spaceId}/tariffs`, { tariffs: [] })).status).toBe(status);
      expect((await client.put(`/spaces/${spaceId}/opening-rules`, { rules: [] })).status).toBe(status);
      expect((await client.post(`/establishments/${allevardId}/spaces`, gymnasium)).status).toBe(status);
      expect(
        (
          await client.post(`/establishments/${allevardId}/closures`, {
            startsAt: '2026-12-24T00:00:00+01:00',
            endsAt: '2026-12-26T00:00:00+01:00',
            reason: 'Noël',
          })
        ).status,
      ).toBe(status);
      const details = await api.visitor.get(`/spaces/${spaceId}`);
      expect(details.body['capacity']).toBe(120);
    });

    it('rejects inconsistent input with the field named', async () => {
      const rules = await api.as(allevardAgent).put(`/spaces/${spaceId}/opening-rules`, {
        rules: [{ weekdays: [8], startTime: '22:00', endTime: '18:00' }],
      });
      expect(rules.status).toBe(400);
      expect(JSON.stringify(rules.body['errors'])).toMatch(/weekdays/);
      expect(JSON.stringify(rules.body['errors'])).toMatch(/endTime/);
      const durations = await api.as(allevardAgent).patch(`/spaces/${spaceId}`, { minDurationMinutes: 300 });
      expect(durations.status).toBe(400);
      const tariffs = await api.as(allevardAgent).put(`/spaces/${spaceId}/tariffs`, {
        tariffs: [
          { category: 'association', hourlyCents: -5 },
          { category: 'association', hourlyCents: 10 },
        ],
      });
      expect(tariffs.status).toBe(400);
    });

    it('keeps the previous rules when a replacement is refused', async () => {
      const before = (await api.visitor.get(`/spaces/${spaceId}`)).body['openingRules'];
      const broken = await api.as(allevardAgent).put(`/spaces/${spaceId}/opening-rules`, {
        rules: [
          { weekdays: [1], startTime: '18:00', endTime: '20:00' },
          { weekdays: [2], startTime: '18:00', endTime: '20:00', validFrom: '2027-01-10', validUntil: '2027-01-01' },
        ],
      });
      expect(broken.status).toBe(400);
      expect(JSON.stringify(broken.body['errors'])).toContain('rules.1.validUntil');
      expect((await api.visitor.get(`/spaces/${spaceId}`)).body['openingRules']).toEqual(before);
    });

    it('quotes a booking of a given length for a category, as its tariff prices it, with the deposit', async () => {
      await api.as(allevardAgent).put(`/spaces/${spaceId}/tariffs`, {
        tariffs: [
          { category: 'association', hourlyCents: 1600, depositCents: 2550 },
          { category: 'commune', hourlyCents: 0 },
        ],
      });
      const quoted = await api.visitor.get(`/spaces/${spaceId}/quote?durationMinutes=90&category=association`);
      expect([quoted.status, quoted.body]).toEqual([
        200,
        {
          category: 'association',
          durationMinutes: 90,
          cents: 2400,
          explanation: '1\u00a0h\u00a030 au tarif horaire de 16,00\u00a0€\u00a0: 24,00\u00a0€.',
          depositCents: 2550,
        },
      ]);
      const company = await api.visitor.get(`/spaces/${spaceId}/quote?durationMinutes=90&category=company`);
      expect([company.status, company.body['code']]).toEqual([422, 'category_not_admitted']);
      const tooLong = await api.visitor.get(`/spaces/${spaceId}/quote?durationMinutes=2000&category=association`);
      expect(tooLong.body).toMatchObject({ status: 400, errors: [{ field: 'durationMinutes' }] });
    });

    it('quotes an inactive space to its managers only', async () => {
      const hidden = await api
        .as(allevardAgent)
        .post(`/establishments/${allevardId}/spaces`, { ...gymnasium, name: 'Salle à venir', active: false });
      const hiddenId = hidden.body['id'] as string;
      await api.as(allevardAgent).put(`/spaces/${hiddenId}/tariffs`, {
        tariffs: [{ category: 'association', hourlyCents: 1000 }],
      });
      const path = `/spaces/${hiddenId}/quote?durationMinutes=60&category=association`;
      expect((await api.visitor.get(path)).status).toBe(404);
      expect((await api.as(beaurepaireAgent).get(path)).status).toBe(404);
      expect((await api.as(allevardAgent).get(path)).status).toBe(200);
    });

    it('hides an inactive space from visitors but not from its managers', async () => {
      const hidden = await api
        .as(allevardAgent)
        .post(`/establishments/${allevardId}/spaces`, { ...gymnasium, name: 'Salle fermée', active: false });
      const hiddenId = hidden.body['id'] as string;
      expect((await api.visitor.get(`/spaces/${hiddenId}`)).status).toBe(404);
      expect((await api.as(allevardAgent).get(`/spaces/${hiddenId}`)).status).toBe(200);
      const visible = await api.visitor.get<{ items: { name: string }[] }>(`/establishments/${allevardId}/spaces`);
      expect(visible.body.items.map((s) => s.name)).toEqual(['Gymnase']);
    });

    it('records and removes closures', async () => {
      const created = await api.as(allevardAgent).post(`/establishments/${allevardId}/closures`, {
        spaceId,
        startsAt: '2026-12-24T00:00:00+01:00',
        endsAt: '2026-12-26T00:00:00+01:00',
        reason: 'Travaux',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ startsAt: '2026-12-23T23:00:00.000Z', reason: 'Travaux' });
      const closureId = created.body['id'] as string;
      expect((await api.as(beaurepaireAgent).delete(`/closures/${closureId}`)).status).toBe(403);
      expect((await api.as(allevardAgent).delete(`/closures/${closureId}`)).status).toBe(204);
      expect((await api.visitor.get(`/establishments/${allevardId}/closures`)).body).toEqual({ items: [] });
      const naive = await api.as(allevardAgent).post(`/establishments/${allevardId}/closures`, {
        startsAt: '2026-12-24T00:00:00',
        endsAt: '2026-12-23T00:00:00+01:00',
        reason: 'x',
      });
      expect(naive.status).toBe(400);
    });
  });
});
