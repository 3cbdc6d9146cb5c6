import { PAYFIP_FIELD_RULES, type PayfipPaymentRequest } from '@salle/contracts';
import { ProviderError } from '../payment-provider';

/**
 * `refdet` from our payment id: its hex digits, prefixed, cut to 30. One payment id gives one refdet, so
 * that the accountant's report lines match a payment; each attempt gets its own idOp from PayFiP.
 */
export function payfipRefdet(paymentId: string): string {
  const digits = paymentId.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  return `SSD${digits}`.slice(0, 30);
}

/**
 * `objet` as PayFiP takes it: accents stripped (NFKD then ASCII), apostrophes and hyphens made spaces,
 * anything else that is not a letter, digit or space dropped, spaces collapsed, 100 characters at most.
 */
export function payfipObjet(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’'\-–]/g, ' ')
    .replace(/[^A-Za-z0-9 ]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100)
    .trim();
}

/** The field that breaks PayFiP's rules, checked before any call; null when the request is acceptable. */
export function brokenPayfipField(request: PayfipPaymentRequest): keyof PayfipPaymentRequest | null {
  if (!PAYFIP_FIELD_RULES.numcli.test(request.numcli)) return 'numcli';
  if (!PAYFIP_FIELD_RULES.exer.test(request.exer)) return 'exer';
  if (!PAYFIP_FIELD_RULES.refdet.test(request.refdet)) return 'refdet';
  if (!PAYFIP_FIELD_RULES.objet.test(request.objet)) return 'objet';
  const cents = Number(request.montant);
  const { minimumCents, maximumCents, mel } = PAYFIP_FIELD_RULES;
  if (!PAYFIP_FIELD_RULES.montant.test(request.montant) || cents < minimumCents || cents > maximumCents)
    return 'montant';
  if (!request.mel.includes('@') || request.mel.length < mel.minLength || request.mel.length > mel.maxLength)
    return 'mel';
  return null;
}

export function assertPayfipRequest(request: PayfipPaymentRequest): void {
  const field = brokenPayfipField(request);
  if (field) throw new ProviderError('invalid_request', `PayFiP field ${field} breaks the service's rules`, field);
}
