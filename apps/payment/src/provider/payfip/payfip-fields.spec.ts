import type { PayfipPaymentRequest } from '@salle/contracts';
import { type ProviderError } from '../payment-provider';
import { assertPayfipRequest, brokenPayfipField, payfipObjet, payfipRefdet } from './payfip-fields';

const request: PayfipPaymentRequest = {
  exer: '2026',
  mel: 'tresorier@asso.example',
  montant: '4500',
  numcli: '123456',
  objet: 'Location salle polyvalente',
  refdet: 'SSD0123456789ABCDEF',
  saisie: 'T',
  urlnotif: 'https://salles.example/payfip/notification',
  urlredirect: 'https://salles.example/paiement/retour',
};

describe('PayFiP fields', () => {
  it('makes a refdet of 6 to 30 letters and digits from a payment id', () => {
    const refdet = payfipRefdet('0b6c2c1e-7f4a-4c43-9a59-2f8e0d2b9a10');
    expect(refdet).toBe('SSD0B6C2C1E7F4A4C439A592F8E0D2');
    expect(refdet).toMatch(/^[A-Za-z0-9]{6,30}$/);
    expect(payfipRefdet('0b6c2c1e-7f4a-4c43-9a59-2f8e0d2b9a11')).toBe(refdet.slice(0, 30));
  });

  it('writes objet without accents or punctuation, 100 characters at most', () => {
    expect(payfipObjet('Réservation « Salle polyvalente » – Collège Jean-Moulin, l’après-midi du 14/03')).toBe(
      'Reservation Salle polyvalente College Jean Moulin l apres midi du 1403',
    );
    expect(payfipObjet('é'.repeat(150))).toBe('e'.repeat(100));
  });

  it('names the field that breaks the rules, before any call', () => {
    expect(brokenPayfipField(request)).toBeNull();
    expect(brokenPayfipField({ ...request, refdet: 'ABCD' })).toBe('refdet');
    expect(brokenPayfipField({ ...request, refdet: 'LOC-2026-1' })).toBe('refdet');
    expect(brokenPayfipField({ ...request, objet: 'Collège' })).toBe('objet');
    expect(brokenPayfipField({ ...request, objet: 'Salle B12, 14h' })).toBe('objet');
    expect(brokenPayfipField({ ...request, montant: '99' })).toBe('montant');
    expect(brokenPayfipField({ ...request, montant: '100' })).toBeNull();
    expect(brokenPayfipField({ ...request, numcli: '12345' })).toBe('numcli');
    expect(brokenPayfipField({ ...request, mel: 'a@b' })).toBe('mel');
    expect(() => assertPayfipRequest({ ...request, montant: '50' })).toThrow(
      expect.objectContaining({ kind: 'invalid_request', code: 'montant' }) as ProviderError,
    );
  });
});
