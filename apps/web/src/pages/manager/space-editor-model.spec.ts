import { replaceOpeningRulesSchema, type SpaceDetailsView } from '@salle/contracts';
import { issuesToFieldErrors } from '../../lib/form-errors';
import {
  detailsBodyOf,
  detailsFormOf,
  renameTariffErrors,
  ruleRowsOf,
  rulesBodyOf,
  tariffRowsOf,
  tariffsBodyOf,
} from './space-editor-model';

const space: SpaceDetailsView = {
  id: 's1',
  schoolYearEndsOn: null,
  establishmentId: 'e1',
  kind: 'gymnasium',
  name: 'Gymnase',
  capacity: 120,
  areaM2: null,
  equipment: ['paniers', 'vestiaires'],
  stepFreeAccess: true,
  description: '',
  photoUrls: [],
  bufferMinutes: 15,
  minDurationMinutes: 60,
  maxDurationMinutes: 240,
  minNoticeHours: 48,
  maxHorizonDays: 365,
  approvalRequired: true,
  allowedCategories: ['association', 'commune'],
  closedOnPublicHolidays: true,
  active: true,
  openingRules: [
    {
      weekdays: [1, 3],
      startTime: '18:00',
      endTime: '22:00',
      period: 'school_term',
      validFrom: null,
      validUntil: null,
    },
  ],
  tariffs: [
    { category: 'association', hourlyCents: 1250, halfDayCents: null, dayCents: 8000, depositCents: 0 },
    { category: 'company', hourlyCents: 5000, halfDayCents: 15000, dayCents: 25000, depositCents: 50000 },
  ],
};

describe('space editor', () => {
  it('round-trips the details, and leaves unreadable numbers for the schema to name', () => {
    expect(detailsBodyOf(detailsFormOf(space))).toMatchObject({
      capacity: 120,
      areaM2: null,
      equipment: ['paniers', 'vestiaires'],
      bufferMinutes: 15,
    });
    expect(
      detailsBodyOf({ ...detailsFormOf(space), capacity: 'cent', equipment: 'sono, tables\nchaises' }),
    ).toMatchObject({ capacity: Number.NaN, equipment: ['sono', 'tables', 'chaises'] });
  });

  it('turns opening rule rows into the PUT body, checked by the shared schema', () => {
    const rows = ruleRowsOf(space.openingRules);
    const [first] = rows;
    if (!first) throw new Error('expected one rule');
    expect(rulesBodyOf(rows)).toEqual([
      {
        weekdays: [1, 3],
        startTime: '18:00',
        endTime: '22:00',
        period: 'school_term',
        validFrom: null,
        validUntil: null,
      },
    ]);
    const wrong = replaceOpeningRulesSchema.safeParse({
      rules: rulesBodyOf([{ ...first, weekdays: [], endTime: '17:00' }]),
    });
    expect(
      wrong.success
        ? []
        : issuesToFieldErrors(wrong.error.issues)
            .map((error) => error.field)
            .sort(),
    ).toEqual(['rules.0.endTime', 'rules.0.weekdays']);
  });

  it('reads tariffs in euros, only the offered categories, and keeps errors on their row', () => {
    const rows = tariffRowsOf(space.tariffs);
    expect(rows.map((row) => [row.category, row.offered, row.hourly])).toEqual([
      ['association', true, '12,50'],
      ['commune', false, ''],
      ['training_organisation', false, ''],
      ['company', true, '50'],
    ]);
    const built = tariffsBodyOf(
      rows.map((row) => (row.category === 'company' ? { ...row, deposit: 'beaucoup' } : row)),
    );
    expect(built.body.map((tariff) => tariff.category)).toEqual(['association', 'company']);
    expect(built.body[0]).toEqual({
      category: 'association',
      hourlyCents: 1250,
      halfDayCents: null,
      dayCents: 8000,
      depositCents: 0,
    });
    expect(built.errors).toEqual([
      { field: 'tariffs.company.depositCents', message: 'montant en euros attendu, par exemple 12,50' },
    ]);
    expect(
      renameTariffErrors(
        [
          { field: 'tariffs.1.hourlyCents', message: 'trop grand' },
          { field: 'tariffs', message: 'une seule grille par catégorie' },
        ],
        built.indexToCategory,
      ),
    ).toEqual([
      { field: 'tariffs.company.hourlyCents', message: 'trop grand' },
      { field: 'tariffs', message: 'une seule grille par catégorie' },
    ]);
  });
});
