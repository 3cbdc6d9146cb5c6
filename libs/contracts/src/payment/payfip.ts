/**
 * The PayFiP Régie web-service protocol (DGFiP), as the payment service's adapter and the payfip-sandbox
 * both speak it: SOAP 1.1 document/literal, three operations, no credentials (the creditor is named by
 * its `numcli` only). Sources: the public WSDL and the open-source integrations listed in
 * docs/payfip.md; what no source confirms is marked there.
 */

/** Where the SOAP endpoint and the payment page live on the PayFiP host. */
export const PAYFIP_PATHS = {
  soap: '/tpa/services/securite',
  paymentPage: '/tpa/paiementws.web',
} as const;

/** The production host; the sandbox replaces it in development and tests. */
export const PAYFIP_PRODUCTION_URL = 'https://www.payfip.gouv.fr';

const BASE = 'http://securite.service.tpa.cp.finances.gouv.fr';

/** Operations and faults, the request type of creerPaiementSecurise, and every other type. */
export const PAYFIP_NAMESPACES = {
  service: `${BASE}/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService`,
  request: `${BASE}/requete`,
  response: `${BASE}/reponse`,
} as const;

export const PAYFIP_OPERATIONS = [
  'creerPaiementSecurise',
  'recupererDetailPaiementSecurise',
  'recupererDetailClient',
] as const;
export type PayfipOperationName = (typeof PAYFIP_OPERATIONS)[number];

/** The four fault types, all carrying code, descriptif, libelle, message and severite. */
export const PAYFIP_FAULT_TYPES = [
  'FonctionnelleErreur',
  'TechDysfonctionnementErreur',
  'TechIndisponibiliteErreur',
  'TechProtocolaireErreur',
] as const;
export type PayfipFaultType = (typeof PAYFIP_FAULT_TYPES)[number];

/** `faultstring` of a fault: the Java exception's class name. */
export function payfipFaultString(type: PayfipFaultType): string {
  return `fr.gouv.finances.cp.tpa.webservice.exceptions.${type}`;
}

/** `resultrans`: the outcome read back with recupererDetailPaiementSecurise. */
export const PAYFIP_RESULTS = {
  P: 'paid by card',
  V: 'paid by one-off SEPA debit',
  R: 'card payment refused',
  Z: 'debit refused',
  A: 'abandoned by the payer',
} as const;
export type PayfipResult = keyof typeof PAYFIP_RESULTS;
export const PAYFIP_PAID_RESULTS: readonly PayfipResult[] = ['P', 'V'];

export function isPayfipResult(value: string): value is PayfipResult {
  return Object.hasOwn(PAYFIP_RESULTS, value);
}

/**
 * Functional error codes and their libellés. P1, P5, R3 and A2 are recorded from the real service; the
 * others come from third-party code only (see docs/payfip.md).
 */
export const PAYFIP_ERRORS = {
  P1: 'IdOp incorrect',
  P3: 'IdOp déjà utilisé',
  P4: 'IdOp expiré',
  P5: 'Résultat de la transaction non connu',
  R3: 'Le format du paramètre REFDET n’est pas conforme',
  A1: 'Adresse mél absente',
  A2: 'Adresse mél incorrecte',
  M1: 'Le format du montant est incorrect',
  M3: 'Le montant est inférieur au minimum de 1 euro',
  M5: 'Le montant dépasse la limite autorisée',
  S1: 'Le type de saisie est incorrect',
  T1: 'Le numéro de client est incorrect',
  T2: 'Le numéro de client est inconnu',
  N1: 'L’URL de notification est incorrecte',
  D1: 'L’URL de redirection est incorrecte',
} as const;
export type PayfipErrorCode = keyof typeof PAYFIP_ERRORS;

/** `saisie`: T test, X activation (validating the flow with DGFiP before going live), W production. */
export const PAYFIP_SAISIE = ['T', 'X', 'W'] as const;
export type PayfipSaisie = (typeof PAYFIP_SAISIE)[number];

/** What a creerPaiementSecurise request must respect; the adapter checks it before calling. */
export const PAYFIP_FIELD_RULES = {
  numcli: /^\d{6}$/,
  exer: /^\d{4}$/,
  /** 6 to 30 ASCII letters and digits: shorter is refused with R3, others are not reused by any integration. */
  refdet: /^[A-Za-z0-9]{6,30}$/,
  /** ASCII letters, digits and spaces only, at most 100 characters. */
  objet: /^[A-Za-z0-9 ]{0,100}$/,
  montant: /^\d{1,9}$/,
  minimumCents: 100,
  maximumCents: 9_999_999,
  mel: { minLength: 6, maxLength: 80 },
} as const;

/** An idOp may be used to open the payment page for this long after its creation. */
export const PAYFIP_IDOP_LIFETIME_MS = 15 * 60_000;

/** The fields of creerPaiementSecurise, in the WSDL's order. */
export interface PayfipPaymentRequest {
  exer: string;
  mel: string;
  montant: string;
  numcli: string;
  objet: string;
  refdet: string;
  saisie: PayfipSaisie;
  urlnotif: string;
  urlredirect: string;
}
export const PAYFIP_REQUEST_FIELDS = [
  'exer',
  'mel',
  'montant',
  'numcli',
  'objet',
  'refdet',
  'saisie',
  'urlnotif',
  'urlredirect',
] as const satisfies readonly (keyof PayfipPaymentRequest)[];

/** The answer of recupererDetailPaiementSecurise, in the WSDL's order (dates in Paris time). */
export interface PayfipPaymentDetail {
  /** DDMMYYYY */
  dattrans: string;
  exer: string;
  /** HHMM */
  heurtrans: string;
  idOp: string;
  mel: string;
  montant: string;
  numauto: string;
  numcli: string;
  objet: string;
  refdet: string;
  resultrans: string;
  saisie: string;
}
export const PAYFIP_DETAIL_FIELDS = [
  'dattrans',
  'exer',
  'heurtrans',
  'idOp',
  'mel',
  'montant',
  'numauto',
  'numcli',
  'objet',
  'refdet',
  'resultrans',
  'saisie',
] as const satisfies readonly (keyof PayfipPaymentDetail)[];

/** Development defaults shared by the payment service and the payfip-sandbox; refused in production. */
export const PAYFIP_SANDBOX_DEFAULTS = {
  url: 'http://127.0.0.1:3010',
  port: 3010,
} as const;
