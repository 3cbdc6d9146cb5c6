import {
  PAYFIP_FIELD_RULES,
  PAYFIP_SAISIE,
  type PayfipErrorCode,
  type PayfipPaymentRequest,
  type PayfipSaisie,
} from '@salle/contracts';
import { functionalFault } from './payfip-fault';

type Fields = Partial<Record<keyof PayfipPaymentRequest, string>>;

function isAbsoluteHttpUrl(value: string | undefined): boolean {
  if (!value || value.length > 250) return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** The first rule a creerPaiementSecurise request breaks, with the code the service answers, or null. */
export function brokenRule(fields: Fields, knownClient: (numcli: string) => boolean): PayfipErrorCode | null {
  const { numcli, montant, mel, refdet, saisie } = fields;
  if (!numcli || !PAYFIP_FIELD_RULES.numcli.test(numcli)) return 'T1';
  if (!knownClient(numcli)) return 'T2';
  if (!saisie || !(PAYFIP_SAISIE as readonly string[]).includes(saisie)) return 'S1';
  if (!montant || !PAYFIP_FIELD_RULES.montant.test(montant)) return 'M1';
  if (Number(montant) < PAYFIP_FIELD_RULES.minimumCents) return 'M3';
  if (Number(montant) > PAYFIP_FIELD_RULES.maximumCents) return 'M5';
  if (!mel) return 'A1';
  const { minLength, maxLength } = PAYFIP_FIELD_RULES.mel;
  if (!mel.includes('@') || mel.length < minLength || mel.length > maxLength) return 'A2';
  if (!refdet || !PAYFIP_FIELD_RULES.refdet.test(refdet)) return 'R3';
  if (!isAbsoluteHttpUrl(fields.urlnotif)) return 'N1';
  if (!isAbsoluteHttpUrl(fields.urlredirect)) return 'D1';
  return null;
}

/** The request once every rule holds; a fault otherwise. */
export function checkedRequest(fields: Fields, knownClient: (numcli: string) => boolean): PayfipPaymentRequest {
  const broken = brokenRule(fields, knownClient);
  if (broken) throw functionalFault(broken);
  return {
    exer: fields.exer ?? '',
    mel: fields.mel ?? '',
    montant: fields.montant ?? '',
    numcli: fields.numcli ?? '',
    // The real service's handling of other characters is unknown: the sandbox keeps what it was sent.
    objet: fields.objet ?? '',
    refdet: fields.refdet ?? '',
    saisie: fields.saisie as PayfipSaisie,
    urlnotif: fields.urlnotif ?? '',
    urlredirect: fields.urlredirect ?? '',
  };
}
