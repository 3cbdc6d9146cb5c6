import { verifyIdentity } from './identity-claims';
import { LoginFailure } from './login-failure';

const franceconnectScopes = ['openid', 'profile', 'birth', 'email'];
const angela = {
  sub: 'x',
  given_name: 'Angela Claire Louise',
  given_name_array: ['Angela', 'Claire', 'Louise'],
  family_name: 'DUBOIS',
  gender: 'female',
  birthdate: '1962-08-24',
  birthplace: '75107',
  birthcountry: '99100',
  email: 'wossewodda-3728@yopmail.com',
  preferred_username: '',
};

function reason(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof LoginFailure) return `${error.reason}: ${error.detail}`;
    throw error;
  }
  return 'accepted';
}

describe('FranceConnect claims', () => {
  it('keeps the validated claims, without the subject, and builds the display name from the usage name when there is one', () => {
    const identity = verifyIdentity('franceconnect', angela, franceconnectScopes);
    expect(identity.displayName).toBe('Angela Claire Louise DUBOIS');
    expect(identity.claims).not.toHaveProperty('sub');
    expect(
      verifyIdentity('franceconnect', { ...angela, preferred_username: 'MARTIN' }, franceconnectScopes).displayName,
    ).toBe('Angela Claire Louise MARTIN');
  });

  it('stores only the names and the e-mail, even when the federation sends birth data', () => {
    expect(verifyIdentity('franceconnect', angela, franceconnectScopes).claims).toEqual({
      given_name: 'Angela Claire Louise',
      family_name: 'DUBOIS',
      preferred_username: '',
      email: 'wossewodda-3728@yopmail.com',
    });
  });

  it.each([
    ['a Corsican commune', { birthplace: '2B033' }],
    ['a person born abroad', { birthplace: '', birthcountry: '99134' }],
    ['an unspecified gender', { gender: 'unspecified' }],
  ])('accepts %s', (_label, change) => {
    expect(reason(() => verifyIdentity('franceconnect', { ...angela, ...change }, franceconnectScopes))).toBe(
      'accepted',
    );
  });

  it.each([
    ['an empty given name', { given_name: '' }, 'malformed claims: given_name'],
    ['a commune code AAAAA', { birthplace: 'AAAAA' }, 'malformed claims: birthplace/birthcountry'],
    ['a country AZERTY', { birthcountry: 'AZERTY' }, 'malformed claims: birthcountry'],
    ['a commune for someone born abroad', { birthcountry: '99134' }, 'malformed claims: birthplace/birthcountry'],
    ['an impossible date', { birthdate: '1977-02-30' }, 'malformed claims: birthdate'],
    ['a presumed date left with 00', { birthdate: '1977-00-03' }, 'malformed claims: birthdate'],
    ['a date in the future', { birthdate: '2999-01-01' }, 'malformed claims: birthdate'],
    ['a malformed e-mail', { email: 'not-an-email' }, 'malformed claims: email'],
    ['a missing requested claim', { birthcountry: undefined }, 'requested claims missing: birthcountry'],
  ])('refuses %s, naming the field and never its value', (_label, change, expected) => {
    expect(reason(() => verifyIdentity('franceconnect', { ...angela, ...change }, franceconnectScopes))).toBe(
      `invalid_claims: ${expected}`,
    );
  });
});

describe('ProConnect claims', () => {
  const claire = {
    given_name: 'Claire',
    usual_name: 'MARTIN',
    email: 'Claire.Martin@Agents.Sandbox.Test',
    siret: '99990038421115',
    organization_label: 'Collège Champollion (Grenoble)',
  };

  it('keeps the agent, their SIRET and a lower-case e-mail (compared to the admin list)', () => {
    expect(verifyIdentity('proconnect', claire, [])).toMatchObject({
      displayName: 'Claire MARTIN',
      email: 'claire.martin@agents.sandbox.test',
      siret: '99990038421115',
      organisationLabel: 'Collège Champollion (Grenoble)',
    });
    expect(verifyIdentity('proconnect', { ...claire, siret: undefined }, []).siret).toBeUndefined();
  });

  it('stores the names, e-mail, SIRET and organisation, and nothing else the federation sends', () => {
    const claims = verifyIdentity(
      'proconnect',
      { ...claire, uid: '42', idp_id: 'x', phone_number: '0601020304' },
      [],
    ).claims;
    expect(claims).toEqual(claire);
  });

  it.each([
    [{ usual_name: ' ' }, 'usual_name'],
    [{ email: undefined }, 'email'],
    [{ siret: '1234' }, 'siret'],
  ])('refuses %j', (change, field) => {
    expect(reason(() => verifyIdentity('proconnect', { ...claire, ...change }, []))).toBe(
      `invalid_claims: malformed claims: ${field}`,
    );
  });
});
