import { createOrganisationSchema } from '@salle/contracts';
import { issuesToFieldErrors, mapFieldErrors, sentence } from './form-errors';

describe('mapFieldErrors', () => {
  const fields = [
    'name',
    'postalCode',
    'identifier',
    'eligibility.notReligious',
    'startTime',
    'tariffs.company.hourlyCents',
  ];

  it('puts each server error under its field, as a sentence, and keeps the first message per field', () => {
    const { byField, unmatched } = mapFieldErrors(
      [
        { field: 'postalCode', message: 'doit comporter 5 chiffres' },
        { field: 'postalCode', message: 'autre message' },
        { field: 'eligibility.notReligious', message: "l'organisation ne doit pas avoir d'objet cultuel" },
      ],
      fields,
    );
    expect(byField).toEqual({
      postalCode: 'Doit comporter 5 chiffres.',
      'eligibility.notReligious': "L'organisation ne doit pas avoir d'objet cultuel.",
    });
    expect(unmatched).toEqual([]);
  });

  it('follows aliases, falls back to the nearest known parent, and lists what no field shows', () => {
    const { byField, unmatched } = mapFieldErrors(
      [
        { field: 'startsAt', message: 'doit être une date-heure ISO 8601 avec fuseau' },
        { field: 'rna', message: 'indiquez un numéro RNA ou SIREN' },
        { field: 'tariffs.company.hourlyCents.value', message: 'trop grand' },
        { field: '(racine)', message: 'corps invalide' },
        { field: 'unknown', message: 'champ inconnu' },
      ],
      fields,
      { startsAt: 'startTime', rna: 'identifier' },
    );
    expect(byField).toEqual({
      startTime: 'Doit être une date-heure ISO 8601 avec fuseau.',
      identifier: 'Indiquez un numéro RNA ou SIREN.',
      'tariffs.company.hourlyCents': 'Trop grand.',
    });
    expect(unmatched).toEqual([
      { field: '(racine)', message: 'Corps invalide.' },
      { field: 'unknown', message: 'Champ inconnu.' },
    ]);
  });

  it('maps a client-side check with the shared schema exactly as a server answer', () => {
    const result = createOrganisationSchema.safeParse({
      name: 'Basket Club',
      kind: 'association',
      postalCode: '380',
      communeName: 'Grenoble',
      eligibility: { notReligious: true, notPolitical: false, notProfitMaking: true },
      republicanContractAcknowledged: true,
      insuranceReference: 'MAIF 123',
      insuranceExpiresOn: '2027-01-01',
    });
    expect(result.success).toBe(false);
    const errors = issuesToFieldErrors(result.success ? [] : result.error.issues);
    const { byField } = mapFieldErrors(errors, ['postalCode', 'identifier', 'eligibility.notPolitical'], {
      rna: 'identifier',
    });
    expect(byField).toEqual({
      postalCode: 'Doit comporter 5 chiffres.',
      identifier: 'Indiquez un numéro RNA ou SIREN.',
      'eligibility.notPolitical': 'L’organisation ne doit pas avoir d’objet politique.',
    });
  });

  it('writes sentences', () => {
    expect(sentence('au plus 62 jours par recherche')).toBe('Au plus 62 jours par recherche.');
    expect(sentence('Déjà une phrase.')).toBe('Déjà une phrase.');
  });
});
