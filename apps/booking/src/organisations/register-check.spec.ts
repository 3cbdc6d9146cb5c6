import { registerCheckView, registerMismatches, sameText } from './register-check';
import type { RegisteredOrganisation } from './register-search';

const registered: RegisteredOrganisation = {
  siren: '999900012',
  rna: 'W381000123',
  name: 'BASKET CLUB DU GRESIVAUDAN',
  address: '2 PLACE DE LA MAIRIE 38580 ALLEVARD',
  postalCode: '38580',
  communeName: 'ALLEVARD',
  legalCategory: '9220',
  activityCode: '12.34Z',
  active: true,
  isAssociation: true,
};
const declared = {
  name: 'Basket-Club du Grésivaudan',
  postalCode: '38580',
  communeName: 'Allevard',
  kind: 'association' as const,
};

describe('register check', () => {
  it('compares names and towns as a person would: case, accents and punctuation do not count', () => {
    expect(sameText('Saint-Égrève', 'SAINT EGREVE')).toBe(true);
    expect(sameText('Basket Club', 'Basket Club de Voiron')).toBe(false);
    expect(registerMismatches(declared, registered)).toEqual([]);
  });

  it('names each declared field the register contradicts', () => {
    expect(
      registerMismatches(
        { name: 'Tennis Club', postalCode: '38000', communeName: 'Grenoble', kind: 'company' },
        { ...registered, active: false },
      ),
    ).toEqual(['name', 'postalCode', 'communeName', 'active', 'kind']);
  });

  it('labels known legal forms and shows unknown activities by their code', () => {
    const view = registerCheckView(declared, registered, new Date('2026-12-06T15:00:00Z'));
    expect(view.register).toMatchObject({ legalForm: 'Association déclarée (9220)', activity: '12.34Z' });
    expect(registerCheckView(declared, null, new Date()).mismatches).toEqual([]);
  });
});
