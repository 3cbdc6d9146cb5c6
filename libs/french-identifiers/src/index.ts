export { normalizeIdentifier, type IdentifierErrorCode, type IdentifierResult } from './validation-result';
export { passesLuhn, withLuhnKey } from './luhn-checksum';
export { syntheticCollegeSiret, syntheticSiren, syntheticSiret } from './synthetic-numbers';
export { uaiCheckLetter, validateUai } from './uai-validator';
export {
  LA_POSTE_HEAD_OFFICE_SIRET,
  LA_POSTE_SIREN,
  sirenOfSiret,
  validateSiren,
  validateSiret,
} from './siren-validator';
export { validateRna } from './rna-validator';
export { departementOfCommune, validateInseeCommuneCode } from './insee-commune-validator';
