import { invalid, normalizeIdentifier, valid, type IdentifierResult } from './validation-result';

/**
 * UAI (Unité administrative immatriculée, formerly RNE): 7 digits and a check
 * letter. The letter is the 7-digit number modulo 23, read in the alphabet
 * without I, O and Q (0 = A ... 22 = Z), the rule used by the Éducation
 * nationale's directory; every collège of the seed's
 * tools/seed/data/isere-colleges.csv satisfies it.
 */
const CHECK_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export function uaiCheckLetter(sevenDigits: string): string {
  if (!/^\d{7}$/.test(sevenDigits)) throw new RangeError('a UAI check letter is computed from exactly 7 digits');
  return CHECK_LETTERS[Number(sevenDigits) % 23];
}

export function validateUai(input: string): IdentifierResult {
  const value = normalizeIdentifier(input);
  if (value === '') return invalid('empty', 'Saisissez le code UAI de l’établissement.');
  if (!/^\d{7}[A-HJ-NPR-Z]$/.test(value)) {
    return invalid('format', 'Le code UAI comporte 7 chiffres suivis d’une lettre, par exemple 0380002W.');
  }
  if (uaiCheckLetter(value.slice(0, 7)) !== value[7]) {
    return invalid(
      'checksum',
      'Ce code UAI n’existe pas : la lettre finale ne correspond pas aux chiffres. Vérifiez votre saisie.',
    );
  }
  return valid(value);
}
