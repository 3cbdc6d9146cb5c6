import { DateTime } from 'luxon';
import {
  PAYFIP_PATHS,
  PAYFIP_REQUEST_FIELDS,
  isPayfipResult,
  type PayfipOperationName,
  type PayfipPaymentRequest,
  type PayfipResult,
} from '@salle/contracts';
import { ProviderError } from '../payment-provider';
import { assertPayfipRequest } from './payfip-fields';
import { payfipEnvelope, readPayfipAnswer } from './payfip-soap';

export interface PayfipClientOptions {
  /** https://www.payfip.gouv.fr, or the payfip-sandbox. */
  baseUrl: string;
  timeoutMs: number;
}

/** A result read back: what was paid (or not), when (Paris time), with which authorisation. */
export interface PayfipPaymentResult {
  idOp: string;
  result: PayfipResult;
  amountCents: number;
  refdet: string;
  numcli: string;
  numauto: string;
  saisie: string;
  at: Date | null;
}

/** recupererDetailPaiementSecurise: known, not known yet (P5), or unknown to PayFiP (P1). */
export type PayfipDetailAnswer =
  { kind: 'known'; payment: PayfipPaymentResult } | { kind: 'not-known-yet' } | { kind: 'unknown-idop' };

/** dattrans DDMMYYYY and heurtrans HHMM, Paris time; null when either is missing or malformed. */
export function payfipInstant(dattrans: string, heurtrans: string): Date | null {
  const parsed = DateTime.fromFormat(`${dattrans}${heurtrans}`, 'ddMMyyyyHHmm', { zone: 'Europe/Paris' });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/**
 * The PayFiP Régie web-service over SOAP. No credentials exist in this protocol; every failure that may
 * have left the call executed or not (network, timeout, technical fault, unreadable answer) is
 * `unavailable`, to be retried; a functional fault is `invalid_request` with PayFiP's code.
 */
export class PayfipClient {
  constructor(private readonly options: PayfipClientOptions) {}

  /** creerPaiementSecurise → idOp; the fields are checked before the call. */
  async createPayment(request: PayfipPaymentRequest): Promise<string> {
    assertPayfipRequest(request);
    const fields = Object.fromEntries(PAYFIP_REQUEST_FIELDS.map((name) => [name, request[name]]));
    const answer = await this.call('creerPaiementSecurise', fields);
    if (answer.kind === 'fault') throw answer.error;
    const idOp = answer.fields['idOp'] ?? '';
    if (!idOp) throw new ProviderError('unavailable', 'PayFiP answered without an idOp');
    return idOp;
  }

  async paymentDetail(idOp: string): Promise<PayfipDetailAnswer> {
    const answer = await this.call('recupererDetailPaiementSecurise', { idOp });
    if (answer.kind === 'fault') {
      if (answer.error.code === 'P5') return { kind: 'not-known-yet' };
      if (answer.error.code === 'P1') return { kind: 'unknown-idop' };
      throw answer.error;
    }
    const fields = answer.fields;
    const result = fields['resultrans'] ?? '';
    const montant = fields['montant'] ?? '';
    if (!isPayfipResult(result) || !/^\d+$/.test(montant))
      throw new ProviderError('unavailable', 'PayFiP answered a detail without a known result or amount');
    return {
      kind: 'known',
      payment: {
        idOp: fields['idOp'] || idOp,
        result,
        amountCents: Number(montant),
        refdet: fields['refdet'] ?? '',
        numcli: fields['numcli'] ?? '',
        numauto: fields['numauto'] ?? '',
        saisie: fields['saisie'] ?? '',
        at: payfipInstant(fields['dattrans'] ?? '', fields['heurtrans'] ?? ''),
      },
    };
  }

  /** recupererDetailClient: the creditor's label, to check a configured numcli. */
  async clientLabel(numcli: string): Promise<string> {
    const answer = await this.call('recupererDetailClient', { numCli: numcli });
    if (answer.kind === 'fault') throw answer.error;
    return answer.fields['libelleN1'] ?? '';
  }

  private async call(
    operation: PayfipOperationName,
    fields: Record<string, string>,
  ): Promise<{ kind: 'return'; fields: Record<string, string> } | { kind: 'fault'; error: ProviderError }> {
    let xml: string;
    try {
      const response = await fetch(`${this.options.baseUrl}${PAYFIP_PATHS.soap}`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
        body: payfipEnvelope(operation, fields),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      xml = await response.text();
    } catch (error) {
      throw new ProviderError('unavailable', `PayFiP ${operation} failed: ${(error as Error).name}`);
    }
    const answer = readPayfipAnswer(operation, xml);
    if (!answer) throw new ProviderError('unavailable', `PayFiP ${operation} answered something that is not SOAP`);
    if (answer.kind === 'return') return answer;
    const { type, code, libelle } = answer.fault;
    const kind = type === 'FonctionnelleErreur' ? 'invalid_request' : 'unavailable';
    return { kind: 'fault', error: new ProviderError(kind, `PayFiP ${type} ${code}: ${libelle}`, code) };
  }
}
