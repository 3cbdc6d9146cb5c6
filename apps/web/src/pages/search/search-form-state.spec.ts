import { communesOf } from './communes';
import {
  defaultSearchForm,
  formFromQuery,
  formToQueryString,
  searchParamsOf,
  validateSearchForm,
} from './search-form-state';

describe('search form', () => {
  const communes = communesOf([
    { communeInsee: '38185', communeName: 'Grenoble', latitude: 45.18, longitude: 5.72 },
    { communeInsee: '38185', communeName: 'Grenoble', latitude: 45.2, longitude: 5.74 },
    { communeInsee: '38053', communeName: 'Bourgoin-Jallieu', latitude: 45.59, longitude: 5.27 },
    { communeInsee: '38563', communeName: 'Échirolles', latitude: 45.14, longitude: 5.72 },
  ]);

  it('lists each commune once, at the mean position of its collèges, in French order', () => {
    expect(communes.map((commune) => commune.name)).toEqual(['Bourgoin-Jallieu', 'Échirolles', 'Grenoble']);
    expect(communes[2]?.latitude).toBeCloseTo(45.19);
  });

  it('round-trips through the address', () => {
    const form = {
      ...defaultSearchForm('2026-03-02'),
      timeFrom: '18:00',
      kind: 'gymnasium',
      communeInsee: '38185',
      nearby: true,
      radiusKm: '20',
      weekdays: ['3', '1'],
      stepFree: true,
    };
    const query = formToQueryString(form);
    expect(query).toBe(
      'du=2026-03-02&au=2026-03-15&apres=18%3A00&duree=120&type=gymnasium&commune=38185&rayon=20&categorie=association&jours=1%2C3&plain-pied=oui',
    );
    expect(formFromQuery(new URLSearchParams(query), '2026-03-02')).toEqual({ ...form, weekdays: ['1', '3'] });
    expect(formFromQuery(new URLSearchParams(''), '2026-03-02')).toBeNull();
  });

  it('asks the API by commune, or around it when nearby is ticked', () => {
    const form = { ...defaultSearchForm('2026-03-02'), communeInsee: '38185', minCapacity: '30', weekdays: ['2'] };
    expect(searchParamsOf(form, communes)).toEqual({
      from: '2026-03-02',
      to: '2026-03-15',
      durationMinutes: 120,
      timeFrom: undefined,
      timeTo: undefined,
      minCapacity: 30,
      kinds: undefined,
      weekdays: [2],
      stepFree: undefined,
      communeInsee: '38185',
      latitude: undefined,
      longitude: undefined,
      radiusKm: undefined,
      category: 'association',
      pageSize: 10,
    });
    const near = searchParamsOf({ ...form, nearby: true, radiusKm: '5' }, communes);
    expect(near).toMatchObject({ communeInsee: undefined, radiusKm: 5 });
    expect(near.latitude).toBeCloseTo(45.19);
  });

  it('refuses what the service would refuse, with its messages', () => {
    const base = defaultSearchForm('2026-03-02');
    expect(validateSearchForm(base)).toEqual([]);
    expect(validateSearchForm({ ...base, to: '2026-03-01' })).toEqual([
      { field: 'to', message: 'la date de fin doit suivre la date de début' },
    ]);
    expect(validateSearchForm({ ...base, to: '2026-05-04' })).toEqual([
      { field: 'to', message: 'au plus 62 jours par recherche' },
    ]);
    expect(
      validateSearchForm({ ...base, timeFrom: '20:00', timeTo: '18:00', minCapacity: '0', from: '' }).map(
        (error) => error.field,
      ),
    ).toEqual(['from', 'timeTo', 'minCapacity']);
  });
});
