import { DateTime } from 'luxon';
import { PAYFIP_IDOP_LIFETIME_MS, PAYFIP_PATHS, type PayfipSaisie } from '@salle/contracts';
import {
  ProviderError,
  WebhookSignatureError,
  type CheckoutRequest,
  type CheckoutState,
  type PaymentProvider,
} from '../payment-provider';
import type { PayfipClient, PayfipPaymentResult } from './payfip-client';
import { payfipObjet, payfipRefdet } from './payfip-fields';
import { payfipOutcome } from './payfip-outcome';

/** What we asked PayFiP for one idOp, as our payment row records it. */
export interface PayfipOperation {
  paymentId: string;
  bookingId: string | null;
  amountCents: number;
  numcli: string;
  /** When the idOp's payment page closed (15 minutes after its creation). */
  expiresAt: Date;
}

export interface PayfipProviderOptions {
  client: PayfipClient;
  /** Where the payer's browser opens the payment page (the same host as the SOAP endpoint). */
  baseUrl: string;
  saisie: PayfipSaisie;
  notificationUrl: string;
  /** Our payment for an idOp; null when this service did not create it. */
  operation(idOp: string): Promise<PayfipOperation | null>;
  now?: () => Date;
}

const FAILURE_REASONS = {
  card_refused: 'paiement par carte refusé',
  debit_refused: 'prélèvement rejeté',
  abandoned: 'paiement abandonné sur la page PayFiP',
} as const;

const NOT_OFFERED = 'not offered by PayFiP (no payout account, webhook or refund operation exists)';

/**
 * PayFiP behind the payment port. A checkout is one idOp; the result is only ever read back
 * (`recupererDetailPaiementSecurise`), never taken from a notification. PayFiP answers P5 both before the
 * payer acts and while a one-off debit is being collected: after the page closed, a P5 is read as a debit
 * under way (`processing`, the booking stays held) until PayFiP gives the result or forgets the idOp (P1,
 * about a day later: `failed`). Payout accounts, webhooks and refunds do not exist in this protocol.
 */
export class PayfipProvider implements PaymentProvider {
  readonly name = 'payfip';

  constructor(private readonly options: PayfipProviderOptions) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  async createCheckout(request: CheckoutRequest): Promise<CheckoutState> {
    if (!request.payerEmail) throw new ProviderError('invalid_request', 'PayFiP needs the payer’s e-mail', 'mel');
    const now = this.now();
    const idOp = await this.options.client.createPayment({
      exer: String(DateTime.fromJSDate(now, { zone: 'Europe/Paris' }).year),
      mel: request.payerEmail,
      montant: String(request.amountCents),
      numcli: request.destinationAccountId,
      objet: payfipObjet(request.label),
      refdet: payfipRefdet(request.paymentId),
      saisie: this.options.saisie,
      urlnotif: this.options.notificationUrl,
      // PayFiP appends `?idop=…` itself.
      urlredirect: request.successUrl.split('?')[0] ?? request.successUrl,
    });
    return {
      ...this.stateOf(idOp, request, new Date(now.getTime() + PAYFIP_IDOP_LIFETIME_MS)),
      status: 'open',
    };
  }

  async getCheckout(idOp: string): Promise<CheckoutState> {
    const operation = await this.options.operation(idOp);
    if (!operation) throw new ProviderError('not_found', `idOp ${idOp} was not created by this service`);
    const expected = {
      amountCents: operation.amountCents,
      refdet: payfipRefdet(operation.paymentId),
      numcli: operation.numcli,
    };
    const outcome = payfipOutcome(await this.options.client.paymentDetail(idOp), expected);
    const base = this.stateOf(idOp, operation, operation.expiresAt);
    switch (outcome.status) {
      case 'pending':
        return { ...base, status: this.now() < operation.expiresAt ? 'open' : 'processing' };
      case 'expired':
        // Forgotten by PayFiP (P1): never paid. `failed`, not `expired`, so that a row already read as a
        // debit under way (`processing`) ends too.
        return { ...base, status: 'failed', failureReason: 'opération PayFiP expirée sans paiement' };
      case 'failed':
        return { ...base, status: 'failed', failureReason: FAILURE_REASONS[outcome.reason] };
      case 'foreign':
        throw new ProviderError('invalid_request', `PayFiP answered idOp ${idOp} about another debt or creditor`);
      case 'paid':
      case 'amount_mismatch':
        // A different amount is still money received: the settlement rejects and flags it.
        return this.paidState(base, outcome.payment, operation.numcli);
    }
  }

  /** An idOp cannot be closed: it lapses by itself. Its state is read back instead. */
  expireCheckout(idOp: string): Promise<CheckoutState> {
    return this.getCheckout(idOp);
  }

  private stateOf(
    idOp: string,
    request: { paymentId: string; bookingId: string | null; amountCents: number },
    expiresAt: Date,
  ): Omit<CheckoutState, 'status'> {
    return {
      checkoutId: idOp,
      url: `${this.options.baseUrl}${PAYFIP_PATHS.paymentPage}?idop=${encodeURIComponent(idOp)}`,
      expiresAt,
      amountCents: request.amountCents,
      currency: 'eur',
      bookingId: request.bookingId,
      paymentId: request.paymentId,
      paymentReference: null,
      destinationAccountId: null,
      paidCharge: null,
      failureReason: null,
    };
  }

  private paidState(base: Omit<CheckoutState, 'status'>, paid: PayfipPaymentResult, numcli: string): CheckoutState {
    return {
      ...base,
      status: 'paid',
      amountCents: paid.amountCents,
      // numauto is the reference the payer's ticket and the accountant's report show.
      paymentReference: paid.numauto || paid.idOp,
      paidCharge: {
        chargeId: paid.idOp,
        paidAt: paid.at ?? this.now(),
        grossCents: paid.amountCents,
        processingFeeCents: 0,
        applicationFee: null,
        transfer: null,
        receivedDirectly: { creditorId: numcli },
      },
    };
  }

  createPayoutAccount(): never {
    throw new ProviderError('invalid_request', NOT_OFFERED);
  }
  getPayoutAccount(): never {
    throw new ProviderError('invalid_request', NOT_OFFERED);
  }
  createOnboardingLink(): never {
    throw new ProviderError('invalid_request', NOT_OFFERED);
  }
  refund(): never {
    throw new ProviderError('invalid_request', NOT_OFFERED);
  }
  getChargeMovements(): never {
    throw new ProviderError('invalid_request', NOT_OFFERED);
  }
  listPayoutItems(): never {
    throw new ProviderError('invalid_request', NOT_OFFERED);
  }
  verifyWebhook(): never {
    throw new WebhookSignatureError('PayFiP signs nothing: its notifications are read back, never verified');
  }
  interpret() {
    return { kind: 'ignored' } as const;
  }
  async listRecentEvents() {
    return [];
  }
}
