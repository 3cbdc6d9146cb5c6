import type { FieldError } from '@salle/contracts';
import { validateInseeCommuneCode, validateSiret, validateUai } from '@salle/french-identifiers';

/** Checks the official identifiers of an establishment; returns the normalised values or the field errors. */
export function checkEstablishmentIdentifiers(input: { uai?: string; siret?: string | null; communeInsee?: string }): {
  errors: FieldError[];
  values: { uai?: string; siret?: string | null; communeInsee?: string };
} {
  const errors: FieldError[] = [];
  const values: { uai?: string; siret?: string | null; communeInsee?: string } = {};
  if (input.uai !== undefined) {
    const uai = validateUai(input.uai);
    if (uai.ok) values.uai = uai.value;
    else errors.push({ field: 'uai', message: uai.message });
  }
  if (input.siret) {
    const siret = validateSiret(input.siret);
    if (siret.ok) values.siret = siret.value;
    else errors.push({ field: 'siret', message: siret.message });
  }
  if (input.communeInsee !== undefined) {
    const insee = validateInseeCommuneCode(input.communeInsee);
    if (insee.ok) values.communeInsee = insee.value;
    else errors.push({ field: 'communeInsee', message: insee.message });
  }
  return { errors, values };
}
