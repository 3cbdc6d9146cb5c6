import { brokenRule } from './request-rules';

const valid = {
  exer: '2026',
  mel: 'a@b.fr',
  montant: '100',
  numcli: '123456',
  objet: 'Location salle',
  refdet: 'ABC123',
  saisie: 'W',
  urlnotif: 'https://platform.example/payfip/notification',
  urlredirect: 'https://platform.example/paiement/retour',
};

describe('PayFiP request rules', () => {
  it('accepts the smallest valid request', () => {
    expect(brokenRule(valid, () => true)).toBeNull();
  });

  it('names the rule broken, numcli first', () => {
    expect(brokenRule({ ...valid, numcli: 'abcdef', refdet: 'x' }, () => true)).toBe('T1');
    expect(brokenRule(valid, () => false)).toBe('T2');
    expect(brokenRule({ ...valid, refdet: 'A'.repeat(31) }, () => true)).toBe('R3');
    expect(brokenRule({ ...valid, refdet: 'ÉCOLE1' }, () => true)).toBe('R3');
    expect(brokenRule({ ...valid, montant: '100.5' }, () => true)).toBe('M1');
    expect(brokenRule({ ...valid, mel: `${'a'.repeat(80)}@b.fr` }, () => true)).toBe('A2');
    expect(brokenRule({ ...valid, urlnotif: `https://x.example/${'a'.repeat(250)}` }, () => true)).toBe('N1');
  });
});
