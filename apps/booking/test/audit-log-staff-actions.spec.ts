// Booking's audit entries for the convention template, signatories and delegations, the organisations a collège
// enters and their contacts' claims, incidents and CSV imports: each written with its change (who, for whom,
// which collège and organisation, before and after), read back through GET /audit-entries; a refused or empty
// operation writes none, and no entry holds a claim code, an address or a file's content.
import { createHash } from 'node:crypto';
import type { Caller } from '@salle/auth';
import type {
  AuditEntry,
  AuditPage,
  BookingView,
  EstablishmentView,
  IncidentView,
  OrganisationView,
} from '@salle/contracts';
import { DEVELOPMENT_EVENT_SECRET_KEY, eventSecrets } from '@salle/events';
import { publicHolidayOn } from '../src/domain/calendar';
import { localDateOf } from '../src/domain/time';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, beaurepaire, gymnasium, parisInstant, upcomingSaturday } from './fixtures';

describe('audit entries of conventions, entered organisations, claims, incidents and imports', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret });
  const otherManager = proConnectAgent({ siret: beaurepaire.siret });
  const member = franceConnectUser();
  const claimant = franceConnectUser({ displayName: 'Claire Martin' });
  const contactEmail = 'claire.martin@randonneurs.example';
  let allevardId: string;
  let beaurepaireId: string;
  let hallId: string;
  let memberOrganisationId: string;

  /** Every entry of an action, newest first, as an admin reads them. */
  const entries = async (action: string, reader: Caller = admin) => {
    const page = await api.as(reader).get<AuditPage>(`/audit-entries?action=${action}&limit=200`);
    expect(page.status).toBe(200);
    return page.body.items;
  };
  const only = async (action: string): Promise<AuditEntry> => {
    const found = await entries(action);
    expect(found).toHaveLength(1);
    return found[0] as AuditEntry;
  };
  const created = (after: unknown) => ({ before: null, after });

  beforeAll(async () => {
    api = await startBookingTestService('audit-staff');
    allevardId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    beaurepaireId = (await api.as(admin).post<EstablishmentView>('/establishments', beaurepaire)).body.id;
    // Each manager acts once, which records them as their collège's manager (SIRET match).
    await api.as(manager).post(`/establishments/${allevardId}/spaces`, gymnasium);
    await api.as(otherManager).post(`/establishments/${beaurepaireId}/spaces`, gymnasium);
    hallId = (
      await api.as(manager).post(`/establishments/${allevardId}/spaces`, {
        ...gymnasium,
        name: 'Salle polyvalente',
        kind: 'multipurpose_hall',
      })
    ).body['id'] as string;
    await api.as(manager).put(`/spaces/${hallId}/opening-rules`, {
      rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
    });
    await api.as(manager).put(`/spaces/${hallId}/tariffs`, { tariffs: [{ category: 'association', hourlyCents: 0 }] });
    memberOrganisationId = (await api.as(member).post<OrganisationView>('/organisations', association())).body.id;
    await api.as(admin).post(`/organisations/${memberOrganisationId}/verify`);
  });
  afterAll(() => api?.stop());

  describe('the convention template, signatories and delegations (admins)', () => {
    it('records each template version with the version it replaced', async () => {
      const template = (await api.as(admin).get<Record<string, unknown>>('/convention-template')).body;
      const { version: _version, createdAt: _createdAt, ...body } = template;
      expect((await api.as(manager).put('/convention-template', body)).status).toBe(403);
      expect(await entries('convention_template.replaced')).toEqual([]);
      expect((await api.as(admin).put('/convention-template', body)).status).toBe(200);
      expect((await api.as(admin).put('/convention-template', body)).status).toBe(200);
      const [second, first] = await entries('convention_template.replaced');
      expect(first).toMatchObject({
        actorAccountId: admin.accountId,
        actorRole: 'department_admin',
        objectType: 'convention_template',
        objectId: '1',
        changes: { version: { before: 0, after: 1 } },
      });
      expect(second).toMatchObject({ objectId: '2', changes: { version: { before: 1, after: 2 } } });
    });

    it('records a manager made signatory or not, under their collège, and nothing when nothing changes', async () => {
      const signatory = (who: Caller, accountId: string, value: boolean) =>
        api.as(who).put(`/establishments/${allevardId}/managers/${accountId}/signatory`, { signatory: value });
      expect((await signatory(manager, manager.accountId, true)).status).toBe(403);
      expect((await signatory(admin, otherManager.accountId, true)).status).toBe(404);
      expect(await entries('manager.signatory_set')).toEqual([]);
      expect((await signatory(admin, manager.accountId, true)).status).toBe(204);
      expect((await signatory(admin, manager.accountId, true)).status).toBe(204);
      expect((await signatory(admin, manager.accountId, false)).status).toBe(204);
      const [unset, set] = await entries('manager.signatory_set');
      expect(set).toMatchObject({
        actorAccountId: admin.accountId,
        actorRole: 'department_admin',
        objectType: 'account',
        objectId: manager.accountId,
        establishmentId: allevardId,
        changes: { signatory: { before: false, after: true } },
      });
      expect(unset).toMatchObject({ changes: { signatory: { before: true, after: false } } });
      // The collège's manager reads it; another collège's does not.
      expect((await entries('manager.signatory_set', manager)).map((entry) => entry.id)).toEqual(
        [unset, set].map((entry) => entry?.id),
      );
      expect(await entries('manager.signatory_set', otherManager)).toEqual([]);
    });

    it('records a delegation granted, its deliberation replaced, then revoked, and nothing for a refusal', async () => {
      const delegate = departmentAdmin();
      const path = `/convention-delegates/${delegate.accountId}`;
      expect((await api.as(manager).put(path, { deliberation: 'Délibération 2026-014' })).status).toBe(403);
      expect((await api.as(manager).delete(path)).status).toBe(403);
      expect((await api.as(admin).put(path, { deliberation: 'Délibération 2026-014' })).status).toBe(204);
      expect((await api.as(admin).put(path, { deliberation: 'Délibération 2026-087' })).status).toBe(204);
      const [replaced, granted] = await entries('convention_delegation.granted');
      expect(granted).toMatchObject({
        actorAccountId: admin.accountId,
        actorRole: 'department_admin',
        objectType: 'account',
        objectId: delegate.accountId,
        changes: { deliberation: created('Délibération 2026-014') },
      });
      expect(replaced?.changes).toEqual({
        deliberation: { before: 'Délibération 2026-014', after: 'Délibération 2026-087' },
      });
      expect((await api.as(admin).delete(path)).status).toBe(204);
      expect((await api.as(admin).delete(path)).status).toBe(204);
      expect(await only('convention_delegation.revoked')).toMatchObject({
        objectId: delegate.accountId,
        changes: { deliberation: { before: 'Délibération 2026-087', after: null } },
      });
    });
  });

  describe('an organisation the collège enters, claimed by its contact', () => {
    let enteredId: string;
    const body = association({ name: 'Les Randonneurs du Bréda', rna: 'W381000555', contactEmail });

    it('records the record entered on the organisation’s behalf, under the collège, and nothing when refused', async () => {
      const enter = (who: Caller) =>
        api.as(who).post<OrganisationView>(`/establishments/${allevardId}/entered-organisations`, body);
      expect((await enter(otherManager)).status).toBe(403);
      expect((await enter(member)).status).toBe(403);
      expect(await entries('organisation.entered')).toEqual([]);
      const entered = await enter(manager);
      expect(entered.status).toBe(201);
      enteredId = entered.body.id;
      const entry = await only('organisation.entered');
      expect(entry).toMatchObject({
        actorAccountId: manager.accountId,
        actorRole: 'establishment_manager',
        onBehalfOf: enteredId,
        objectType: 'organisation',
        objectId: enteredId,
        establishmentId: allevardId,
        organisationId: enteredId,
        changes: { status: created('pending'), kind: created('association') },
      });
      expect(JSON.stringify(entry)).not.toContain(contactEmail);
      expect((await entries('organisation.entered', manager)).map((each) => each.id)).toEqual([entry.id]);
      expect(await entries('organisation.entered', otherManager)).toEqual([]);
    });

    it('records the code sent (its channel, never the code) and the claim once the right code is given', async () => {
      expect((await api.visitor.post('/contact-claims', { number: 'W381000555' })).status).toBe(401);
      expect((await api.as(claimant).post('/contact-claims', { number: 'W381000999' })).status).toBe(404);
      expect(await entries('organisation_claim.code_sent')).toEqual([]);
      expect((await api.as(claimant).post('/contact-claims', { number: 'W381000555' })).status).toBe(201);
      const [event] = (await api.service.dataSource.query(
        `SELECT payload FROM booking.event_outbox WHERE type = 'organisation.claim_code_requested' AND aggregate_id = $1`,
        [enteredId],
      )) as { payload: Record<string, unknown> }[];
      const code = eventSecrets(DEVELOPMENT_EVENT_SECRET_KEY).open(
        String(event?.payload['sealedCode']),
        'organisation.claim_code_requested',
      );
      const sent = await only('organisation_claim.code_sent');
      expect(sent).toMatchObject({
        actorAccountId: claimant.accountId,
        actorRole: 'account_holder',
        objectType: 'contact_claim_code',
        organisationId: enteredId,
        changes: { channel: created('email'), expiresAt: created(expect.any(String)) },
      });
      expect(JSON.stringify(sent.changes)).not.toContain(code);
      expect(JSON.stringify(sent)).not.toContain(contactEmail);

      const wrong = code === '000000' ? '000001' : '000000';
      const refused = await api.as(claimant).post('/contact-claims/confirm', { number: 'W381000555', code: wrong });
      expect(refused.status).toBe(422);
      expect(await entries('organisation_claim.confirmed')).toEqual([]);
      const claimed = await api.as(claimant).post('/contact-claims/confirm', { number: 'W381000555', code });
      expect(claimed.status).toBe(200);
      const confirmed = await only('organisation_claim.confirmed');
      expect(confirmed).toMatchObject({
        actorAccountId: claimant.accountId,
        actorRole: 'account_holder',
        objectType: 'organisation',
        objectId: enteredId,
        organisationId: enteredId,
        changes: { claimedBy: created(claimant.accountId) },
      });
      expect(JSON.stringify(confirmed)).not.toContain(code);
    });
  });

  it('records an incident (booking, date, severity, not its description) under the collège and organisation', async () => {
    const saturday = upcomingSaturday(4, (date) => publicHolidayOn(date) !== null);
    const requested = await api.as(member).post<BookingView>('/bookings', {
      spaceId: hallId,
      organisationId: memberOrganisationId,
      startsAt: parisInstant(saturday, '10:00'),
      endsAt: parisInstant(saturday, '12:00'),
    });
    const bookingId = requested.body.id;
    expect((await api.as(manager).post<BookingView>(`/bookings/${bookingId}/approve`)).body.status).toBe('confirmed');
    // The session took place: moved into the past, as time would.
    const [moved] = (await api.service.dataSource.query(
      `UPDATE booking.booking SET starts_at = starts_at - interval '70 days', ends_at = ends_at - interval '70 days',
              blocked_until = blocked_until - interval '70 days' WHERE id = $1 RETURNING starts_at AS "startsAt"`,
      [bookingId],
    )) as [{ startsAt: Date }[], number];
    const occurredOn = localDateOf(moved[0]?.startsAt as Date);
    const body = {
      occurredOn,
      severity: 'moderate',
      description: 'Clés rendues par M. Dupont avec un jour de retard.',
    };
    const record = (who: Caller) => api.as(who).post<IncidentView>(`/bookings/${bookingId}/incidents`, body);
    expect((await record(member)).status).toBe(403);
    expect((await record(otherManager)).status).toBe(404);
    expect(await entries('incident.recorded')).toEqual([]);
    const noted = await record(manager);
    expect(noted.status).toBe(201);
    const entry = await only('incident.recorded');
    expect(entry).toMatchObject({
      actorAccountId: manager.accountId,
      actorRole: 'establishment_manager',
      objectType: 'booking_incident',
      objectId: noted.body.id,
      establishmentId: allevardId,
      organisationId: memberOrganisationId,
    });
    expect(entry.changes).toEqual({
      bookingId: created(bookingId),
      occurredOn: created(occurredOn),
      severity: created('moderate'),
    });
    expect(JSON.stringify(entry)).not.toContain('Dupont');
  });

  describe('CSV imports', () => {
    const sha256 = (text: string) => createHash('sha256').update(Buffer.from(text)).digest('hex');
    const importFile = (what: string, csv: string, who: Caller = admin, extra: Record<string, unknown> = {}) =>
      api.as(who).post(`/imports/${what}`, { csv, fileName: `${what}.csv`, ...extra });

    it('records an establishments file once, under no collège: counts, SHA-256 and name, never its content', async () => {
      const file = [
        'uai;nom;siret;adresse;code_postal;commune;code_insee;latitude;longitude;zone;courriel;telephone;statut',
        '0382174G;Collège Salvador Allende;99990038421743;;38307;Bourgoin-Jallieu;38053;45,612403;5,265333;A;accueil@allende.example.fr;;actif',
        '0380002W;Collège Flavius Vaussenat d’Allevard;19380002600018;1 rue du Collège;38580;Allevard;38006;45.399729;6.07674;A;;;actif',
      ].join('\n');
      expect((await importFile('establishments', file, manager)).status).toBe(403);
      expect((await importFile('establishments', file, admin, { dryRun: true })).status).toBe(200);
      expect(await entries('import.establishments')).toEqual([]);
      expect((await importFile('establishments', file)).body).toMatchObject({ created: 1, updated: 1 });
      // The same file again changes nothing: nothing to record.
      expect((await importFile('establishments', file)).body).toMatchObject({ created: 0, updated: 0 });
      const entry = await only('import.establishments');
      expect(entry).toMatchObject({
        actorAccountId: admin.accountId,
        actorRole: 'department_admin',
        objectType: 'csv_file',
        objectId: sha256(file),
        establishmentId: null,
      });
      expect(entry.changes).toEqual({
        fileName: created('establishments.csv'),
        created: created(1),
        updated: created(1),
      });
      expect(JSON.stringify(entry)).not.toContain('Allende');
    });

    it('records a spaces file once per collège it changed, with that collège’s counts', async () => {
      const file = [
        'uai;nom;type;capacite;surface_m2;equipements;accessible_pmr;description;battement_minutes;duree_min_minutes;duree_max_minutes;delai_minimum_heures;horizon_jours;validation_requise;categories;ferme_jours_feries;actif',
        '0380002W;Salle 12;salle_de_classe;30;;;;;;;;;;;;;',
        '0380002W;Salle 14;salle_de_classe;30;;;;;;;;;;;;;',
        '0382101C;Salle 3;salle_de_classe;25;;;;;;;;;;;;;',
      ].join('\n');
      expect((await importFile('spaces', file, manager)).status).toBe(403);
      expect((await importFile('spaces', file)).body).toMatchObject({ created: 3 });
      const byCollege = new Map((await entries('import.spaces')).map((entry) => [entry.establishmentId, entry]));
      expect([...byCollege.keys()].sort()).toEqual([allevardId, beaurepaireId].sort());
      expect(byCollege.get(allevardId)?.changes).toEqual({
        fileName: created('spaces.csv'),
        created: created(2),
        updated: created(0),
      });
      expect(byCollege.get(beaurepaireId)).toMatchObject({ objectId: sha256(file), changes: { created: created(1) } });
      expect((await entries('import.spaces', otherManager)).map((entry) => entry.establishmentId)).toEqual([
        beaurepaireId,
      ]);
    });

    it('records a manager’s opening rules file under their collège, and nothing for a file naming another collège', async () => {
      const foreign = [
        'uai;espace;jours;debut;fin;periode;valide_du;valide_au',
        '0382101C;Gymnase;sam;8h;20h;toujours;;',
      ];
      expect((await importFile('opening-rules', foreign.join('\n'), manager)).status).toBeGreaterThanOrEqual(400);
      const file = [
        'uai;espace;jours;debut;fin;periode;valide_du;valide_au',
        '0380002W;Gymnase;sam;8h;20h;toujours;;',
        '0380002W;Salle polyvalente;dim;9h;12h;toujours;;',
      ].join('\n');
      expect((await importFile('opening-rules', file, manager, { dryRun: true })).status).toBe(200);
      expect(await entries('import.opening_rules')).toEqual([]);
      expect((await importFile('opening-rules', file, manager)).body).toMatchObject({ created: 2, removed: 1 });
      const entry = await only('import.opening_rules');
      expect(entry).toMatchObject({
        actorAccountId: manager.accountId,
        actorRole: 'establishment_manager',
        establishmentId: allevardId,
        objectId: sha256(file),
      });
      expect(entry.changes).toEqual({
        fileName: created('opening-rules.csv'),
        created: created(2),
        updated: created(0),
        removed: created(1),
      });
    });

    it('records a tariffs file per collège, with the tariffs created, updated and removed', async () => {
      const file = [
        'uai;espace;categorie;tarif_horaire;tarif_demi_journee;tarif_journee;caution',
        '0380002W;Salle polyvalente;commune;5;;;',
        '0382101C;Gymnase;association;10;;;',
      ].join('\n');
      expect((await importFile('tariffs', file, otherManager)).status).toBeGreaterThanOrEqual(400);
      expect(await entries('import.tariffs')).toEqual([]);
      expect((await importFile('tariffs', file)).status).toBe(200);
      const byCollege = new Map((await entries('import.tariffs')).map((entry) => [entry.establishmentId, entry]));
      expect(byCollege.get(allevardId)?.changes).toMatchObject({ created: created(1), removed: created(1) });
      expect(byCollege.get(beaurepaireId)?.changes).toMatchObject({ created: created(1), removed: created(0) });
      expect(byCollege.size).toBe(2);
    });
  });
});
