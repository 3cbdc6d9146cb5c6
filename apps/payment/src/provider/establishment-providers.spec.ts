import { EstablishmentProviders, parseEstablishmentProvider } from './establishment-providers';

const college = '0b6c2c1e-7f4a-4c43-9a59-2f8e0d2b9a10';
const other = '1c7d3d2f-8a5b-4d54-8b6a-3a9f1e3c0b21';

describe('establishment providers', () => {
  it('reads stripe, none and payfip with its 6-digit client number', () => {
    expect(parseEstablishmentProvider(`${college}=payfip:123456`)).toEqual([
      college,
      { kind: 'payfip', numcli: '123456' },
    ]);
    expect(parseEstablishmentProvider(` ${college.toUpperCase()} = none `)).toEqual([college, { kind: 'none' }]);
    expect(parseEstablishmentProvider(`${college}=stripe`)).toEqual([college, { kind: 'stripe' }]);
  });

  it('refuses a malformed item rather than guessing', () => {
    expect(parseEstablishmentProvider(`${college}=payfip:12345`)).toBeNull();
    expect(parseEstablishmentProvider(`${college}=payfip`)).toBeNull();
    expect(parseEstablishmentProvider(`college-x=stripe`)).toBeNull();
    expect(parseEstablishmentProvider(`${college}=paypal`)).toBeNull();
    expect(() => new EstablishmentProviders([`${college}=paypal`])).toThrow(/malformed/);
  });

  it('gives the configured provider, and the default to the others', () => {
    const providers = new EstablishmentProviders([`${college}=payfip:123456`], 'none');
    expect(providers.of(college)).toEqual({ kind: 'payfip', numcli: '123456' });
    expect(providers.of(other)).toEqual({ kind: 'none' });
    expect(providers.usesPayfip).toBe(true);
    expect(new EstablishmentProviders([]).of(other)).toEqual({ kind: 'stripe' });
    expect(new EstablishmentProviders([]).usesPayfip).toBe(false);
  });
});
