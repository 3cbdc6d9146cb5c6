import { passesLuhn } from './luhn-checksum';
import { invalid, normalizeIdentifier, valid, type IdentifierResult } from './validation-result';

/** La Poste's SIREN: its establishments' SIRETs use a different key (see validateSiret). */
export const LA_POSTE_SIREN = '356000000';

/** SIREN: the 9-digit number of a company or public body in the Sirene directory, Luhn-checked. */
export function validateSiren(input: string): IdentifierResult {
  const value = normalizeIdentifier(input);
  if (value === '') return invalid('empty', 'Saisissez le numéro SIREN.');
  if (!/^\d{9}$/.test(value)) return invalid('format', 'Le numéro SIREN comporte exactement 9 chiffres.');
  if (!passesLuhn(value)) {
    return invalid(
      'checksum',
      'Ce numéro SIREN n’est pas valide : un chiffre est probablement erroné. Vérifiez votre saisie.',
    );
  }
  return valid(value);
}

/**
 * SIRET: SIREN + 5-digit establishment number (NIC), Luhn-checked over the 14
 * digits. La Poste has more establishments than the Luhn key allows, so INSEE
 * checks its SIRETs (SIREN 356000000) by the sum of the digits being a
 * multiple of 5 instead; the head office (35600000000048) passes Luhn too.
 */
export function validateSiret(input: string): IdentifierResult {
  const value = normalizeIdentifier(input);
  if (value === '') return invalid('empty', 'Saisissez le numéro SIRET.');
  if (!/^\d{14}$/.test(value)) {
    return invalid('format', 'Le numéro SIRET comporte exactement 14 chiffres (SIREN à 9 chiffres + 5 chiffres).');
  }
  const laPosteKey = value.startsWith(LA_POSTE_SIREN) && digitSum(value) % 5 === 0;
  if (!passesLuhn(value) && !laPosteKey) {
    return invalid(
      'checksum',
      'Ce numéro SIRET n’est pas valide : un chiffre est probablement erroné. Vérifiez votre saisie.',
    );
  }
  return valid(value);
}

/** The SIREN part of a valid SIRET. */
export function sirenOfSiret(siret: string): string {
  return normalizeIdentifier(siret).slice(0, 9);
}

function digitSum(digits: string): number {
  return [...digits].reduce((sum, digit) => sum + Number(digit), 0);
}
