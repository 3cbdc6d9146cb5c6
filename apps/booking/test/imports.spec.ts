import type { Caller } from '@salle/auth';
import type { CsvImportReport, CsvLineError, EstablishmentView } from '@salle/contracts';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard } from './fixtures';

const ESTABLISHMENTS_HEADER =
  'uai;nom;siret;adresse;code_postal;commune;code_insee;latitude;longitude;zone;courriel;telephone;statut';

const establishmentsFile = [
  ESTABLISHMENTS_HEADER,
  '0382174G;Collège Salvador Allende;999 900 384 21743;;38307;Bourgoin-Jallieu;38053;45,612403;5,265333;A;accueil@allende.example.fr;+33 4 74 00 00 00;actif',
  '0383542U;Collège de Champier;99990038435420;1 route du Collège;38260;Champier;38069;45.456957;5.290360;A;;;',
  '0380011F;"Collège Martin Luther King";;;38230;Charvieu-Chavagneux;38085;45.744814;5.154520;a;;;brouillon',
].join('\n');

const SPACES_HEADER =
  'uai;nom;type;capacite;surface_m2;equipements;accessible_pmr;description;battement_minutes;duree_min_minutes;duree_max_minutes;delai_minimum_heures;horizon_jours;validation_requise;categories;ferme_jours_feries;actif';

const spacesFile = [
  SPACES_HEADER,
  '0382174G;Gymnase;gymnase;120;900;paniers de basket|vestiaires;oui;"Grand gymnase ; tribunes de 80 places.";15;60;240;48;365;oui;association|commune;oui;oui',
  '0382174G;Salle polyvalente;salle_polyvalente;80;;;;;;;;;;;;;',
  '0383542U;Salle 12;salle_de_classe;30;60;tableau blanc|vidéoprojecteur;non;"Salle au rez-de-chaussée,\nà côté du CDI.";0;60;180;72;180;non;association|organisme_de_formation|entreprise;non;oui',
].join('\n');

interface ImportProblem {
  code: string;
  lineErrors: CsvLineError[];
  errors: { field: string; message: string }[];
}

describe('CSV imports and exports', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const citizen = franceConnectUser();
  const allevardAgent = proConnectAgent({ siret: allevard.siret });

  const establishmentCount = async () =>
    Number(
      ((await api.service.dataSource.query('SELECT count(*) AS n FROM booking.establishment')) as { n: string }[])[0]
        ?.n,
    );
  const spaceCount = async () =>
    Number(((await api.service.dataSource.query('SELECT count(*) AS n FROM booking.space')) as { n: string }[])[0]?.n);
  const importEstablishments = (csv: string, caller: Caller = admin, dryRun?: boolean) =>
    api
      .as(caller)
      .post<CsvImportReport & ImportProblem>(
        '/imports/establishments',
        dryRun === undefined ? { csv } : { csv, dryRun },
      );
  const importSpaces = (csv: string, caller: Caller = admin) =>
    api.as(caller).post<CsvImportReport & ImportProblem>('/imports/spaces', { csv });

  beforeAll(async () => {
    api = await startBookingTestService('imports');
    expect((await api.as(admin).post('/establishments', allevard)).status).toBe(201);
  });
  afterAll(async () => {
    await api.stop();
  });

  describe('establishments', () => {
    it('checks a file without writing anything in a dry run', async () => {
      const response = await importEstablishments(establishmentsFile, admin, true);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        kind: 'establishments',
        dryRun: true,
        rows: 3,
        created: 3,
        updated: 0,
        unchanged: 0,
      });
      expect(await establishmentCount()).toBe(1);
    });

    it('imports a valid file, normalising identifiers and decimal commas', async () => {
      const response = await importEstablishments(establishmentsFile);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        kind: 'establishments',
        dryRun: false,
        rows: 3,
        created: 3,
        updated: 0,
        unchanged: 0,
      });

      const list = await api.as(admin).get<{ items: EstablishmentView[] }>('/establishments?pageSize=100');
      const byUai = new Map(list.body.items.map((item) => [item.uai, item]));
      expect(byUai.get('0382174G')).toMatchObject({
        name: 'Collège Salvador Allende',
        siret: '99990038421743',
        address: '',
        postalCode: '38307',
        communeInsee: '38053',
        latitude: 45.612403,
        longitude: 5.265333,
        schoolZone: 'A',
        contactEmail: 'accueil@allende.example.fr',
        contactPhone: '+33 4 74 00 00 00',
        status: 'active',
      });
      expect(byUai.get('0383542U')).toMatchObject({
        address: '1 route du Collège',
        status: 'draft',
        contactEmail: null,
      });
      expect(byUai.get('0380011F')).toMatchObject({
        name: 'Collège Martin Luther King',
        siret: null,
        schoolZone: 'A',
        status: 'draft',
      });
    });

    it('changes nothing when the same file is imported again', async () => {
      const before = await api.service.dataSource.query(
        'SELECT uai, updated_at FROM booking.establishment ORDER BY uai',
      );
      const response = await importEstablishments(establishmentsFile);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
      expect(
        await api.service.dataSource.query('SELECT uai, updated_at FROM booking.establishment ORDER BY uai'),
      ).toEqual(before);
    });

    it('updates by UAI and keeps stored values for empty optional cells', async () => {
      const file = [
        ESTABLISHMENTS_HEADER,
        '0382174G;Collège Salvador-Allende;;;38307;Bourgoin-Jallieu;38053;45.612403;5.265333;A;;;',
        '0383542U;Collège de Champier;;1 route du Collège;38260;Champier;38069;45.456957;5.290360;A;;;',
      ].join('\r\n');
      const response = await importEstablishments(file);
      expect(response.body).toMatchObject({ rows: 2, created: 0, updated: 1, unchanged: 1 });
      const [row] = (await api.service.dataSource.query(
        `SELECT name, siret, contact_email, status FROM booking.establishment WHERE uai = '0382174G'`,
      )) as { name: string; siret: string; contact_email: string; status: string }[];
      expect(row).toEqual({
        name: 'Collège Salvador-Allende',
        siret: '99990038421743',
        contact_email: 'accueil@allende.example.fr',
        status: 'active',
      });
    });

    it('reports every wrong line with its number and column, in French, and imports nothing', async () => {
      const file = [
        ESTABLISHMENTS_HEADER,
        '0383345E;Collège Olympe de Gouges;;;38160;Chatte;38095;45.139456;5.291690;A;;;actif',
        '0383454Y;Collège des Collines;99999003834542;;3885;Chirens;38105;45.410173;5.556890;A;;;actif',
        '0382865H;Collège Georges Pompidou;;;38640;Claix;38111;45.120200;5.693920;A;;;actif',
        '0382041M;Collège Jules Flandrin;;;38700;Corenc;38126;45.209097;5.757661;A;;;actif',
        '0382495F;Collège Plan Menu;;;38500;Coublevie;38133;45.353153;5.602458;A;;;actif',
        '0382781A;Collège Simone de Beauvoir;;;38920;Crolles;38140;91;5.878671;D;pas-une-adresse;;fermé',
        '0382103E;Collège Lamartine;;;38460;Crémieu;38138;45.723229;5.246660;A;;;actif',
      ].join('\n');
      const response = await importEstablishments(file);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('import_invalid');
      const errors = response.body.lineErrors;
      expect([...new Set(errors.map((error) => error.line))]).toEqual([3, 7]);
      expect(errors.filter((error) => error.line === 3).map((error) => error.field)).toEqual(['siret', 'code_postal']);
      expect(errors.filter((error) => error.line === 7).map((error) => error.field)).toEqual([
        'uai',
        'latitude',
        'zone',
        'courriel',
        'statut',
      ]);
      expect(errors.find((error) => error.field === 'siret')?.message).toMatch(/SIRET n’est pas valide/);
      expect(errors.find((error) => error.field === 'uai')?.message).toMatch(/lettre finale/);
      expect(response.body.errors[0]).toEqual({ field: 'ligne 3 : siret', message: expect.any(String) });
      expect(await establishmentCount()).toBe(4);
    });

    it('reports lines repeating a UAI, a SIRET held by another collège, and wrong column counts', async () => {
      const file = [
        ESTABLISHMENTS_HEADER,
        `0383345E;Collège Olympe de Gouges;${allevard.siret};;38160;Chatte;38095;45.139456;5.291690;A;;;actif`,
        '0383454Y;Collège des Collines;;;38850;Chirens;38105;45.410173;5.556890;A;;;actif',
        '0383454Y;Collège des Collines (bis);;;38850;Chirens;38105;45.410173;5.556890;A;;;actif',
        '0382865H;Collège Georges Pompidou;38640;Claix',
      ].join('\n');
      const response = await importEstablishments(file);
      expect(response.status).toBe(400);
      expect(response.body.lineErrors).toEqual([
        { line: 2, field: 'siret', message: 'ce SIRET est déjà celui de l’établissement 0380002W' },
        { line: 4, field: 'uai', message: 'ce code UAI est déjà présent ligne 3' },
        { line: 5, field: '(ligne)', message: expect.stringMatching(/4 colonne\(s\) au lieu de 13/) },
      ]);
      expect(await establishmentCount()).toBe(4);
    });

    it('counts lines as a person sees them, quoted line breaks and blank lines included', async () => {
      const file = [
        ESTABLISHMENTS_HEADER,
        '',
        '0383345E;"Collège Olympe',
        'de Gouges";;;38160;Chatte;38095;45.139456;5.291690;A;;;actif',
        '0383454Y;Collège des Collines;;;38850;Chirens;38105;45.410173;5.556890;Z;;;actif',
      ].join('\n');
      const response = await importEstablishments(file);
      expect(response.body.lineErrors).toEqual([
        { line: 5, field: 'zone', message: expect.stringContaining('«\u00a0Z\u00a0»') },
      ]);
    });

    it('refuses a header with unknown or missing columns before reading any line', async () => {
      const response = await importEstablishments('uai;nom;ville\n0383345E;Collège Olympe de Gouges;Chatte');
      expect(response.status).toBe(400);
      const fields = response.body.lineErrors.map((error) => `${error.line}:${error.field}`);
      expect(fields).toEqual([
        '1:ville',
        '1:code_postal',
        '1:commune',
        '1:code_insee',
        '1:latitude',
        '1:longitude',
        '1:zone',
      ]);
      expect((await importEstablishments(ESTABLISHMENTS_HEADER)).body.lineErrors).toEqual([
        { line: 1, field: '(ligne)', message: expect.stringMatching(/aucune ligne de données/) },
      ]);
      expect((await importEstablishments(`${ESTABLISHMENTS_HEADER}\n"0383345E;x`)).body.lineErrors[0]).toMatchObject({
        line: 2,
      });
    });

    it('accepts comma-separated files', async () => {
      const file =
        ESTABLISHMENTS_HEADER.replaceAll(';', ',') +
        '\n0383345E,Collège Olympe de Gouges,,,38160,Chatte,38095,"45,139456",5.291690,A,,,actif\n';
      const response = await importEstablishments(file);
      expect(response.body).toMatchObject({ created: 1 });
      const [row] = (await api.service.dataSource.query(
        `SELECT latitude FROM booking.establishment WHERE uai = '0383345E'`,
      )) as { latitude: number }[];
      expect(row?.latitude).toBe(45.139456);
    });

    it('exports every establishment as a French spreadsheet file that re-imports unchanged', async () => {
      const response = await api.as(admin).get<string>('/exports/establishments.csv');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename=etablissements.csv');
      const lines = response.body.split('\r\n');
      expect(lines[0]).toBe(`\ufeff${ESTABLISHMENTS_HEADER}`);
      expect(lines.slice(1, -1).map((line) => line.slice(0, 8))).toEqual([
        '0380002W',
        '0380011F',
        '0382174G',
        '0383345E',
        '0383542U',
      ]);
      // The phone starts with "+": a spreadsheet would read it as a formula, so it is guarded with a quote.
      expect(lines.find((line) => line.startsWith('0382174G'))).toBe(
        "0382174G;Collège Salvador-Allende;99990038421743;;38307;Bourgoin-Jallieu;38053;45.612403;5.265333;A;accueil@allende.example.fr;'+33 4 74 00 00 00;actif",
      );
      expect(lines.at(-1)).toBe('');

      const reimport = await importEstablishments(response.body);
      expect(reimport.body).toMatchObject({ rows: 5, created: 0, updated: 0, unchanged: 5 });
    });
  });

  describe('spaces', () => {
    it('imports spaces by UAI with defaults for empty cells', async () => {
      const response = await importSpaces(spacesFile);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ kind: 'spaces', dryRun: false, rows: 3, created: 3, updated: 0, unchanged: 0 });
      const rows = (await api.service.dataSource.query(
        `SELECT e.uai, s.name, s.kind, s.capacity, s.area_m2, s.equipment, s.description, s.buffer_minutes, s.max_duration_minutes,
                s.min_notice_hours, s.approval_required, s.allowed_categories, s.closed_on_public_holidays
         FROM booking.space s JOIN booking.establishment e ON e.id = s.establishment_id ORDER BY e.uai, s.name`,
      )) as Record<string, unknown>[];
      expect(rows).toEqual([
        {
          uai: '0382174G',
          name: 'Gymnase',
          kind: 'gymnasium',
          capacity: 120,
          area_m2: 900,
          equipment: ['paniers de basket', 'vestiaires'],
          description: 'Grand gymnase ; tribunes de 80 places.',
          buffer_minutes: 15,
          max_duration_minutes: 240,
          min_notice_hours: 48,
          approval_required: true,
          allowed_categories: ['association', 'commune'],
          closed_on_public_holidays: true,
        },
        {
          uai: '0382174G',
          name: 'Salle polyvalente',
          kind: 'multipurpose_hall',
          capacity: 80,
          area_m2: null,
          equipment: [],
          description: '',
          buffer_minutes: 0,
          max_duration_minutes: 600,
          min_notice_hours: 48,
          approval_required: true,
          allowed_categories: ['association', 'commune', 'training_organisation', 'company'],
          closed_on_public_holidays: true,
        },
        {
          uai: '0383542U',
          name: 'Salle 12',
          kind: 'classroom',
          capacity: 30,
          area_m2: 60,
          equipment: ['tableau blanc', 'vidéoprojecteur'],
          description: 'Salle au rez-de-chaussée,\nà côté du CDI.',
          buffer_minutes: 0,
          max_duration_minutes: 180,
          min_notice_hours: 72,
          approval_required: false,
          allowed_categories: ['association', 'training_organisation', 'company'],
          closed_on_public_holidays: false,
        },
      ]);
    });

    it('changes nothing when the same file is imported again, and updates by UAI and name', async () => {
      const before = await api.service.dataSource.query('SELECT id, updated_at FROM booking.space ORDER BY id');
      expect((await importSpaces(spacesFile)).body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
      expect(await api.service.dataSource.query('SELECT id, updated_at FROM booking.space ORDER BY id')).toEqual(
        before,
      );

      const changed = await importSpaces(
        `${SPACES_HEADER}\n0382174G;Salle polyvalente;salle_polyvalente;90;;;;;;;;;;;;;non`,
      );
      expect(changed.body).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
      const [row] = (await api.service.dataSource.query(
        `SELECT capacity, active FROM booking.space WHERE name = 'Salle polyvalente'`,
      )) as {
        capacity: number;
        active: boolean;
      }[];
      expect(row).toEqual({ capacity: 90, active: false });
      expect(await spaceCount()).toBe(3);
    });

    it('reports unknown collèges, repeated names, inconsistent durations and bad values, and imports nothing', async () => {
      const file = [
        SPACES_HEADER,
        '0382174G;Salle 1;salle_de_classe;25;;;;;;;;;;;;;',
        '0382103E;Salle 2;salle_de_classe;25;;;;;;;;;;;;;',
        '0382174G;Salle 1;salle_de_classe;25;;;;;;;;;;;;;',
        '0382174G;Salle 3;salle_de_classe;25;;;;;;120;90;;;;;;',
        '0382174G;Salle 4;piscine;0;;;peut-être;;;;;;;;club;;',
      ].join('\n');
      const response = await importSpaces(file);
      expect(response.status).toBe(400);
      expect(response.body.lineErrors.map((error) => `${error.line}:${error.field}`)).toEqual([
        '3:uai',
        '4:nom',
        '5:duree_max_minutes',
        '6:type',
        '6:capacite',
        '6:accessible_pmr',
        '6:categories',
      ]);
      expect(response.body.lineErrors[0]?.message).toMatch(/importez d’abord le fichier des établissements/);
      expect(await spaceCount()).toBe(3);
    });

    it('exports spaces in a file that re-imports unchanged', async () => {
      const response = await api.as(admin).get<string>('/exports/spaces.csv');
      expect(response.status).toBe(200);
      const lines = response.body.split('\r\n');
      expect(lines[0]).toBe(`\ufeff${SPACES_HEADER}`);
      expect(lines[1]).toBe(
        '0382174G;Gymnase;gymnase;120;900;paniers de basket|vestiaires;oui;"Grand gymnase ; tribunes de 80 places.";15;60;240;48;365;oui;association|commune;oui;oui',
      );
      expect(response.body).toContain('"Salle au rez-de-chaussée,\nà côté du CDI."');
      expect(response.body).toContain('association|organisme_de_formation|entreprise');
      expect((await importSpaces(response.body)).body).toMatchObject({ rows: 3, created: 0, updated: 0, unchanged: 3 });
    });
  });

  describe('authorisation', () => {
    const outsiders: [string, () => Caller | undefined, number][] = [
      ['a visitor', () => undefined, 401],
      ['a citizen', () => citizen, 403],
      ['a collège manager', () => allevardAgent, 403],
    ];
    const client = (caller: Caller | undefined) => (caller ? api.as(caller) : api.visitor);

    it.each(outsiders)('refuses every import and export to %s', async (_label, caller, status) => {
      const before = await establishmentCount();
      expect((await client(caller()).post('/imports/establishments', { csv: establishmentsFile })).status).toBe(status);
      expect((await client(caller()).post('/imports/spaces', { csv: spacesFile })).status).toBe(status);
      expect((await client(caller()).get('/exports/establishments.csv')).status).toBe(status);
      expect((await client(caller()).get('/exports/spaces.csv')).status).toBe(status);
      expect(await establishmentCount()).toBe(before);
    });

    it('refuses a body that is not the JSON wrapper', async () => {
      expect((await api.as(admin).post('/imports/establishments', { file: establishmentsFile })).status).toBe(400);
      expect((await api.as(admin).post('/imports/establishments', { csv: '' })).status).toBe(400);
    });
  });
});
