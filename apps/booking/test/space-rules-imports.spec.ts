import type { Caller } from '@salle/auth';
import type { CsvImportReport, CsvLineError, EstablishmentView, SpaceDetailsView } from '@salle/contracts';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, beaurepaire, gymnasium } from './fixtures';

const RULES_HEADER = 'espace_id;uai;espace;jours;debut;fin;periode;valide_du;valide_au';
const TARIFFS_HEADER = 'espace_id;uai;espace;categorie;tarif_horaire;tarif_demi_journee;tarif_journee;caution';

interface ImportAnswer extends CsvImportReport {
  code: string;
  lineErrors: CsvLineError[];
}

describe('CSV import and export of opening rules and tariffs', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const citizen = franceConnectUser();
  const allevardAgent = proConnectAgent({ siret: allevard.siret });
  const beaurepaireAgent = proConnectAgent({ siret: beaurepaire.siret });
  let gymnasiumId: string;
  let hallId: string;
  let beaurepaireGymId: string;

  const importFile = (what: 'opening-rules' | 'tariffs', csv: string, caller: Caller = admin, dryRun = false) =>
    api.as(caller).post<ImportAnswer>(`/imports/${what}`, { csv, dryRun });
  const exportFile = (what: 'opening-rules' | 'tariffs', caller: Caller = admin) =>
    api.as(caller).get<string>(`/exports/${what}.csv`);
  const details = async (spaceId: string) => (await api.visitor.get<SpaceDetailsView>(`/spaces/${spaceId}`)).body;
  const availability = async (spaceId: string) =>
    JSON.stringify(
      await api.service.dataSource.query(
        'SELECT month, windows::text FROM booking.space_availability WHERE space_id = $1 ORDER BY month',
        [spaceId],
      ),
    );

  beforeAll(async () => {
    api = await startBookingTestService('space-rules-imports');
    const created: string[] = [];
    for (const establishment of [allevard, beaurepaire]) {
      const response = await api.as(admin).post<EstablishmentView>('/establishments', establishment);
      expect(response.status).toBe(201);
      created.push(response.body.id);
    }
    const space = async (establishmentId: string | undefined, name: string) => {
      const response = await api.as(admin).post(`/establishments/${establishmentId}/spaces`, { ...gymnasium, name });
      expect(response.status).toBe(201);
      return response.body['id'] as string;
    };
    gymnasiumId = await space(created[0], 'Gymnase');
    hallId = await space(created[0], 'Salle polyvalente');
    beaurepaireGymId = await space(created[1], 'Gymnase');
  });
  afterAll(async () => {
    await api.stop();
  });

  describe('opening rules', () => {
    const rulesFile = [
      'uai;espace;jours;debut;fin;periode;valide_du;valide_au',
      '0380002W;Gymnase;lundi|mardi|jeudi;18:00;22:00;periode_scolaire;;',
      '0380002W;Gymnase;sam;8h;20h;toujours;01/09/2026;2027-08-31',
      '0380002W;Salle polyvalente;3;14h30;00:00;vacances_scolaires;;',
    ].join('\n');

    it('checks a file without writing anything in a dry run', async () => {
      const response = await importFile('opening-rules', rulesFile, admin, true);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        kind: 'opening_rules',
        dryRun: true,
        rows: 3,
        created: 3,
        updated: 0,
        unchanged: 0,
        removed: 0,
      });
      expect((await details(gymnasiumId)).openingRules).toEqual([]);
    });

    it('replaces the rules of the spaces it names and recomputes their opening windows', async () => {
      const before = await availability(gymnasiumId);
      const response = await importFile('opening-rules', rulesFile);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ rows: 3, created: 3, removed: 0 });
      expect((await details(gymnasiumId)).openingRules).toEqual([
        expect.objectContaining({ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }),
        expect.objectContaining({ weekdays: [1, 2, 4], startTime: '18:00', endTime: '22:00', period: 'school_term' }),
      ]);
      expect((await details(gymnasiumId)).openingRules[0]).toMatchObject({
        validFrom: '2026-09-01',
        validUntil: '2027-08-31',
      });
      expect((await details(hallId)).openingRules).toEqual([
        expect.objectContaining({ weekdays: [3], startTime: '14:30', endTime: '00:00', period: 'school_holidays' }),
      ]);
      expect(await availability(gymnasiumId)).not.toBe(before);
      // Spaces the file does not name keep their rules (none here).
      expect((await details(beaurepaireGymId)).openingRules).toEqual([]);
    });

    it('exports a file that re-imports unchanged and exports again identically', async () => {
      const exported = await exportFile('opening-rules');
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = exported.body.split('\r\n');
      expect(lines[0]).toBe(`\ufeff${RULES_HEADER}`);
      expect(lines[1]).toBe(`${gymnasiumId};0380002W;Gymnase;lundi|mardi|jeudi;18:00;22:00;periode_scolaire;;`);
      expect(lines[2]).toBe(`${gymnasiumId};0380002W;Gymnase;samedi;08:00;20:00;toujours;01/09/2026;31/08/2027`);
      const reimport = await importFile('opening-rules', exported.body);
      expect(reimport.body).toMatchObject({ rows: 3, created: 0, updated: 0, unchanged: 3, removed: 0 });
      expect((await exportFile('opening-rules')).body).toBe(exported.body);
    });

    it('removes the rules a space no longer lists', async () => {
      const file = [RULES_HEADER, `${hallId};;;mercredi;14:30;00:00;vacances_scolaires;;`].join('\n');
      expect((await importFile('opening-rules', file)).body).toMatchObject({ unchanged: 1, removed: 0 });
      const shorter = [RULES_HEADER, `${gymnasiumId};;;samedi;08:00;20:00;toujours;01/09/2026;31/08/2027`].join('\n');
      expect((await importFile('opening-rules', shorter)).body).toMatchObject({ rows: 1, unchanged: 1, removed: 1 });
      expect((await details(gymnasiumId)).openingRules).toHaveLength(1);
    });

    it('refuses a file with wrong lines, reporting each, and writes nothing', async () => {
      const file = [
        RULES_HEADER,
        `${gymnasiumId};;;lundi|funday;18:00;22:00;;;`,
        ';0380002W;Gymnase;mardi;25:00;22:00;;;',
        ';0380002W;Gymnase;mardi;22:00;18:00;;;',
        ';0380002W;Piscine;mardi;18:00;22:00;;;',
        `${hallId};0382101C;Gymnase;mardi;18:00;22:00;;;`,
        ';0380002W;Gymnase;mardi;18:00;22:00;ete;31/02/2027;',
        ';0380002W;Gymnase;mardi;18:00;22:00;;;',
      ].join('\n');
      const response = await importFile('opening-rules', file);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('import_invalid');
      expect(response.body.lineErrors.map(({ line, field }) => [line, field])).toEqual([
        [2, 'jours'],
        [3, 'debut'],
        [4, 'fin'],
        [5, 'espace'],
        [6, 'espace_id'],
        [7, 'periode'],
        [7, 'valide_du'],
      ]);
      expect(response.body.lineErrors[0]?.message).toMatch(/jour inconnu «\u00a0funday\u00a0»/);
      expect((await details(gymnasiumId)).openingRules).toHaveLength(1);
    });
  });

  describe('tariffs', () => {
    it('imports amounts in euros, French decimal comma included', async () => {
      const file = [
        'uai;espace;categorie;tarif_horaire;tarif_demi_journee;tarif_journee;caution',
        '0380002W;Gymnase;association;12,50;40;70,5;150 €',
        '0380002W;Gymnase;commune;0;;;',
        '0380002W;Salle polyvalente;entreprise;1 200,00;;;',
      ].join('\n');
      const response = await importFile('tariffs', file);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        kind: 'tariffs',
        dryRun: false,
        rows: 3,
        created: 3,
        updated: 0,
        unchanged: 0,
        removed: 0,
      });
      expect((await details(gymnasiumId)).tariffs).toEqual([
        expect.objectContaining({
          category: 'association',
          hourlyCents: 1250,
          halfDayCents: 4000,
          dayCents: 7050,
          depositCents: 15000,
        }),
        expect.objectContaining({ category: 'commune', hourlyCents: 0, halfDayCents: null, depositCents: 0 }),
      ]);
      expect((await details(hallId)).tariffs).toEqual([
        expect.objectContaining({ category: 'company', hourlyCents: 120000 }),
      ]);
    });

    it('exports a file that re-imports unchanged, and counts changed and removed tariffs', async () => {
      const exported = await exportFile('tariffs');
      const lines = exported.body.split('\r\n');
      expect(lines[0]).toBe(`\ufeff${TARIFFS_HEADER}`);
      expect(lines[1]).toBe(`${gymnasiumId};0380002W;Gymnase;association;12,50;40,00;70,50;150,00`);
      expect((await importFile('tariffs', exported.body)).body).toMatchObject({ rows: 3, unchanged: 3, removed: 0 });
      expect((await exportFile('tariffs')).body).toBe(exported.body);
      const changed = [TARIFFS_HEADER, `${gymnasiumId};;;association;13;;;`].join('\n');
      expect((await importFile('tariffs', changed)).body).toMatchObject({ rows: 1, updated: 1, removed: 1 });
    });

    it('refuses wrong amounts, unknown categories and a category twice for a space', async () => {
      const file = [
        TARIFFS_HEADER,
        `${gymnasiumId};;;association;12,345;;;`,
        `${gymnasiumId};;;club;10;;;`,
        `${gymnasiumId};;;commune;10;;;`,
        `;0380002W;Gymnase;commune;11;;;`,
        `${gymnasiumId};;;entreprise;;;;`,
      ].join('\n');
      const response = await importFile('tariffs', file);
      expect(response.status).toBe(400);
      expect(response.body.lineErrors.map(({ line, field }) => [line, field])).toEqual([
        [2, 'tarif_horaire'],
        [3, 'categorie'],
        [5, 'categorie'],
        [6, 'tarif_horaire'],
      ]);
      expect(response.body.lineErrors[2]?.message).toBe(
        'un tarif de cette catégorie pour cet espace est déjà présent ligne 4',
      );
      expect((await details(gymnasiumId)).tariffs).toEqual([expect.objectContaining({ hourlyCents: 1300 })]);
    });
  });

  describe('access', () => {
    it('lets a manager export and import their collège’s spaces only', async () => {
      const exported = await exportFile('tariffs', allevardAgent);
      expect(exported.status).toBe(200);
      expect(exported.body).toContain(gymnasiumId);
      expect(exported.body).not.toContain(beaurepaireGymId);
      expect((await importFile('tariffs', exported.body, allevardAgent)).status).toBe(200);

      const other = [TARIFFS_HEADER, `${beaurepaireGymId};;;association;10;;;`].join('\n');
      const refused = await importFile('tariffs', other, allevardAgent);
      expect(refused.status).toBe(400);
      expect(refused.body.lineErrors).toEqual([
        { line: 2, field: 'uai', message: 'vous ne gérez pas le collège de cet espace' },
      ]);
      expect((await details(beaurepaireGymId)).tariffs).toEqual([]);
      expect((await exportFile('opening-rules', beaurepaireAgent)).body).not.toContain(gymnasiumId);
    });

    it.each([
      ['a visitor', undefined, 401],
      ['a citizen', citizen, 403],
    ] as const)('refuses %s', async (_label, caller, status) => {
      const client = caller ? api.as(caller) : api.visitor;
      const file = [TARIFFS_HEADER, `${gymnasiumId};;;association;1;;;`].join('\n');
      for (const what of ['opening-rules', 'tariffs'] as const) {
        expect((await client.get(`/exports/${what}.csv`)).status).toBe(status);
        expect((await client.post(`/imports/${what}`, { csv: file })).status).toBe(status);
      }
      expect((await details(gymnasiumId)).tariffs).toEqual([expect.objectContaining({ hourlyCents: 1300 })]);
    });
  });
});
