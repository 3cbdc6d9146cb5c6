import type { CsvImportReport, CsvLineError } from '@salle/contracts';
import { departmentAdmin, startBookingTestService, type BookingTestService } from './booking-test-service';

const HEADER = 'uai;nom;code_postal;commune;code_insee;latitude;longitude;zone';
const GRENOBLE = '0382174G;Collège Stendhal;38000;Grenoble;38185;45,18;5,72;A';

interface ImportAnswer extends CsvImportReport {
  code: string;
  lineErrors: CsvLineError[];
}

describe('CSV imports: establishments must lie in the département', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const importLines = (...lines: string[]) =>
    api.as(admin).post<ImportAnswer>('/imports/establishments', { csv: [HEADER, ...lines].join('\n') });
  const count = async () =>
    Number(
      ((await api.service.dataSource.query('SELECT count(*) AS n FROM booking.establishment')) as { n: string }[])[0]
        ?.n,
    );

  beforeAll(async () => {
    api = await startBookingTestService('import-territory');
  });
  afterAll(async () => {
    await api.stop();
  });

  /** Imports a good line and `bad`: the answer lists bad's errors and nothing at all is written. */
  const refusal = async (bad: string) => {
    const response = await importLines(GRENOBLE, bad);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('import_invalid');
    expect(await count()).toBe(0);
    return response.body.lineErrors;
  };

  it('refuses a postcode typed as an INSEE code, suggesting the commune', async () => {
    expect(await refusal('0383542U;Collège Champollion;38000;Grenoble;38000;45,18;5,72;A')).toEqual([
      {
        line: 3,
        field: 'code_insee',
        message:
          '«\u00a038000\u00a0» est un code postal, pas un code INSEE\u00a0: code INSEE de la commune, par exemple Grenoble (38185)',
      },
    ]);
  });

  it('refuses an INSEE code that is no commune of Isère, and one of a département not covered', async () => {
    expect(await refusal('0383542U;Collège X;38999;Nulle-Part;38999;45,18;5,72;A')).toEqual([
      { line: 3, field: 'code_insee', message: 'aucune commune de l’Isère n’a le code INSEE «\u00a038999\u00a0»' },
    ]);
    expect(await refusal('0690001B;Collège de Lyon;69001;Lyon;69123;45,76;4,83;A')).toEqual([
      {
        line: 3,
        field: 'code_insee',
        message: 'le code INSEE «\u00a069123\u00a0» n’est pas une commune des départements couverts\u00a0: Isère (38)',
      },
    ]);
  });

  it('refuses a UAI of another département, the wrong holiday zone and coordinates outside Isère, per line', async () => {
    const errors = await refusal('0690001B;Collège Champollion;38000;Grenoble;38185;48,8566;2,3522;B');
    expect(errors).toEqual([
      { line: 3, field: 'uai', message: 'un code UAI de l’Isère commence par 038, reçu «\u00a00690001B\u00a0»' },
      { line: 3, field: 'zone', message: 'l’académie de Grenoble est en zone A, reçu «\u00a0B\u00a0»' },
      {
        line: 3,
        field: 'latitude',
        message:
          'les coordonnées (48.8566, 2.3522) sont hors de l’Isère\u00a0: vérifiez la latitude, la longitude et leur ordre',
      },
    ]);
  });

  it('refuses a point of a neighbouring département, even one between Isère’s extreme latitudes and longitudes', async () => {
    // Lyon (Rhône): inside the rectangle of Isère's commune centres, 20 km from the nearest of them.
    expect(await refusal('0380099B;Collège Champollion;38000;Grenoble;38185;45,7578;4,8320;A')).toEqual([
      {
        line: 3,
        field: 'latitude',
        message:
          'les coordonnées (45.7578, 4.832) sont hors de l’Isère\u00a0: vérifiez la latitude, la longitude et leur ordre',
      },
    ]);
  });

  it('refuses latitude and longitude swapped', async () => {
    expect(await refusal('0380099B;Collège Champollion;38000;Grenoble;38185;5,72;45,18;A')).toEqual([
      expect.objectContaining({ line: 3, field: 'latitude' }),
    ]);
  });

  it('imports lines that are all coherent, a collège near the edge of the département included', async () => {
    const response = await importLines(
      GRENOBLE,
      '0380099B;Collège de Chasse;38670;Chasse-sur-Rhône;38087;45,58;4,80;A',
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ rows: 2, created: 2 });
    expect(await count()).toBe(2);
  });
});
