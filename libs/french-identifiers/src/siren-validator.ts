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
      'Ce numéro SIREN n’est pas valide\u00a0: un chiffre est probablement erroné. Vérifiez votre saisie.',
    );
  }
  return valid(value);
}

/** La Poste's head office: the one SIRET of La Poste that carries a Luhn key. */
export const LA_POSTE_HEAD_OFFICE_SIRET = '35600000000048';

/**
 * SIRET: SIREN + 5-digit establishment number (NIC). Exactly python-stdnum's
 * rule (`stdnum.fr.siret`): Luhn over the 14 digits, except La Poste's
 * establishments (SIREN 356000000) other than its head office, which have
 * more establishments than the Luhn key allows and are checked by the sum of
 * their digits being a multiple of 5 instead (and only so: a Luhn key does not
 * make up for it); then, for every SIRET, the SIREN it starts with must be valid.
 */
export function validateSiret(input: string): IdentifierResult {
  const value = normalizeIdentifier(input);
  if (value === '') return invalid('empty', 'Saisissez le numéro SIRET.');
  if (!/^\d{14}$/.test(value)) {
    return invalid('format', 'Le numéro SIRET comporte exactement 14 chiffres (SIREN à 9 chiffres + 5 chiffres).');
  }
  const laPosteEstablishment = value.startsWith(LA_POSTE_SIREN) && value !== LA_POSTE_HEAD_OFFICE_SIRET;
  if (laPosteEstablishment ? digitSum(value) % 5 !== 0 : !passesLuhn(value)) {
    return invalid(
      'checksum',
      'Ce numéro SIRET n’est pas valide\u00a0: un chiffre est probablement erroné. Vérifiez votre saisie.',
    );
  }
  if (!passesLuhn(value.slice(0, 9))) {
    return invalid(
      'checksum',
      'Les 9 premiers chiffres de ce numéro SIRET ne forment pas un numéro SIREN valide\u00a0: un chiffre est probablement erroné. Vérifiez votre saisie.',
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
