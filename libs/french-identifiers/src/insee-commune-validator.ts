import { invalid, normalizeIdentifier, valid, type IdentifierResult } from './validation-result';

/**
 * INSEE code of a commune (code officiel géographique, not the postcode): 5
 * characters, the first two or three naming the département. Accepted:
 * metropolitan départements 01-19 and 21-95, Corsica 2A/2B (the numeric 20
 * was retired in 1976), overseas départements 971-976 and overseas
 * collectivities 975 and 977-988. Refused: 00, 20, 96, 99 (foreign
 * countries in the COG) and 989 (Clipperton, no commune).
 */
export function validateInseeCommuneCode(input: string): IdentifierResult {
  const value = normalizeIdentifier(input);
  if (value === '') return invalid('empty', 'Saisissez le code INSEE de la commune.');
  if (!/^(\d{5}|2[AB]\d{3})$/.test(value)) {
    return invalid(
      'format',
      'Le code INSEE d’une commune comporte 5 caractères : 5 chiffres, ou 2A/2B suivis de 3 chiffres pour la Corse (ce n’est pas le code postal).',
    );
  }
  if (departementOfCommune(value) === null) {
    return invalid(
      'unknown_area',
      'Ce code INSEE ne correspond à aucun département français. Vérifiez votre saisie (ce n’est pas le code postal).',
    );
  }
  return valid(value);
}

/** Département code (`38`, `2A`, `974`...) of a commune code, or null when none matches. */
export function departementOfCommune(code: string): string | null {
  const value = normalizeIdentifier(code);
  if (/^2[AB]\d{3}$/.test(value)) return value.slice(0, 2);
  if (!/^\d{5}$/.test(value)) return null;
  const two = Number(value.slice(0, 2));
  if (two >= 1 && two <= 95 && two !== 20) return value.slice(0, 2);
  if (two === 97 || two === 98) {
    const three = Number(value.slice(0, 3));
    return three >= 971 && three <= 988 ? value.slice(0, 3) : null;
  }
  return null;
}
