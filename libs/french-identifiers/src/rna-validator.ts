import { invalid, normalizeIdentifier, valid, type IdentifierResult } from './validation-result';

/**
 * RNA (Répertoire national des associations) number: `W` then 9 characters.
 * Most are 9 digits (e.g. W381000123), but the first three characters name
 * the prefecture or sub-prefecture registry that issued the number, and some
 * of those codes hold a letter: Corsica (W2A..., W2B...) and several overseas
 * registries (W9R..., W9M...). We therefore accept `W` + 3 digits-or-letters
 * + 6 digits. The 6-digit serial has no check key, so a typo can only be
 * caught by a look-up in the RNA itself.
 *
 * Associations of Bas-Rhin, Haut-Rhin and Moselle are registered at the court
 * (local law), usually have no RNA number, and should identify themselves
 * with their SIREN.
 */
export function validateRna(input: string): IdentifierResult {
  const value = normalizeIdentifier(input);
  if (value === '') return invalid('empty', 'Saisissez le numéro RNA de l’association.');
  if (!/^W[0-9A-Z]{3}\d{6}$/.test(value)) {
    return invalid(
      'format',
      'Le numéro RNA commence par la lettre W suivie de 9 caractères, par exemple W381000123. Les associations d’Alsace-Moselle sans numéro RNA peuvent indiquer leur SIREN.',
    );
  }
  return valid(value);
}
