import { mapFieldErrors } from '../../lib/form-errors';
import {
  buildOrganisationDeclaration,
  EMPTY_ORGANISATION_FORM,
  ORGANISATION_ALIASES,
  ORGANISATION_FIELDS,
} from './declare-organisation-model';

describe('organisation declaration', () => {
  const complete = {
    ...EMPTY_ORGANISATION_FORM,
    name: 'Basket Club de Voiron',
    identifier: 'w381 234 567',
    postalCode: '38500',
    communeName: 'Voiron',
    notReligious: true,
    notPolitical: true,
    notProfitMaking: true,
    republicanContractAcknowledged: true,
    insuranceReference: 'MAIF 123456',
    insuranceExpiresOn: '2027-06-30',
  };

  it('sends the RNA or the SIREN, normalised', () => {
    const rna = buildOrganisationDeclaration(complete);
    expect(rna.ok && rna.body).toMatchObject({
      rna: 'W381234567',
      siren: undefined,
      eligibility: { notReligious: true, notPolitical: true, notProfitMaking: true },
    });
    const siren = buildOrganisationDeclaration({ ...complete, identifierType: 'siren', identifier: '123 456 789' });
    expect(siren.ok && siren.body).toMatchObject({ siren: '123456789', rna: undefined });
  });

  it('sends the contact person when given, leaves out empty fields, and names a wrong e-mail or phone', () => {
    const none = buildOrganisationDeclaration(complete);
    expect(none.ok && [none.body.contactName, none.body.contactPhone, none.body.contactEmail]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    const given = buildOrganisationDeclaration({
      ...complete,
      contactName: ' Claire Martin ',
      contactPhone: '06 12 34 56 78',
      contactEmail: 'claire@basket.example',
    });
    expect(given.ok && given.body).toMatchObject({
      contactName: 'Claire Martin',
      contactEmail: 'claire@basket.example',
    });
    const wrong = buildOrganisationDeclaration({ ...complete, contactPhone: 'six', contactEmail: 'claire' });
    expect(wrong.ok ? [] : wrong.errors.map((error) => error.field).sort()).toEqual(['contactEmail', 'contactPhone']);
  });

  it('shows every missing declaration on its own checkbox and the identifier on its field', () => {
    const result = buildOrganisationDeclaration({
      ...complete,
      identifier: '',
      notPolitical: false,
      republicanContractAcknowledged: false,
      postalCode: '38',
    });
    expect(result.ok).toBe(false);
    const { byField, unmatched } = mapFieldErrors(
      result.ok ? [] : result.errors,
      Object.keys(ORGANISATION_FIELDS),
      ORGANISATION_ALIASES,
    );
    expect(byField).toEqual({
      postalCode: 'Doit comporter 5 chiffres.',
      'eligibility.notPolitical': 'L’organisation ne doit pas avoir d’objet politique.',
      republicanContractAcknowledged: 'Le contrat d’engagement républicain doit être accepté.',
      identifier: 'Indiquez un numéro RNA ou SIREN.',
    });
    expect(unmatched).toEqual([]);
  });
});
