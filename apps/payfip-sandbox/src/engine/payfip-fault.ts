import { PAYFIP_ERRORS, type PayfipErrorCode, type PayfipFaultType } from '@salle/contracts';

/** A SOAP fault the sandbox answers with: its type, code and texts, as the real service fills them. */
export class PayfipFault extends Error {
  constructor(
    readonly type: PayfipFaultType,
    readonly code: string,
    readonly libelle: string,
    readonly descriptif: string,
    readonly severite = 2,
  ) {
    super(`${code} ${libelle}`);
  }
}

export function functionalFault(code: PayfipErrorCode, descriptif?: string): PayfipFault {
  return new PayfipFault('FonctionnelleErreur', code, PAYFIP_ERRORS[code], descriptif ?? PAYFIP_ERRORS[code]);
}
