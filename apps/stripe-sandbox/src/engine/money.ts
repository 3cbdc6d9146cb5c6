import type { BalanceLedger } from './balance-ledger';
import type { EventLog, RequestContext } from './event-log';
import { booleanParam, integerParam, metadataParam, onlyKnown, stringParam, type Params } from './params';
import type { SandboxStore, StripeObject } from './sandbox-store';
import { invalidRequest } from './stripe-error';

export type PaymentMethodKind = 'card' | 'sepa_debit';

const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'];

/** Stripe's fee on the platform: 1.5 % + 0.25 € for EEA cards, 0.35 € for a SEPA debit. */
export function processingFee(amount: number, method: PaymentMethodKind): number {
  const fee = method === 'card' ? Math.round(amount * 0.015) + 25 : 35;
  return Math.min(fee, amount);
}

/** The share of `total` that follows a cumulative refund, so that a full refund returns exactly `total`. */
export function proportionalShare(total: number, refundedSoFar: number, gross: number): number {
  return Math.round((refundedSoFar * total) / gross);
}

function euros(cents: number): string {
  return (cents / 100).toFixed(2);
}

/**
 * The money side of a destination charge, with the objects and balance
 * transactions Stripe creates: the charge on the platform, the transfer of the
 * full amount to the connected account, the application fee taken back from
 * it; refunds with proportional transfer reversals and fee refunds; disputes;
 * payouts of a connected account's balance.
 */
export class Money {
  constructor(
    private readonly store: SandboxStore,
    private readonly events: EventLog,
    private readonly balance: BalanceLedger,
  ) {}

  /** The payment intent succeeded: creates the charge and its transfer and fee. */
  settle(intent: StripeObject, method: PaymentMethodKind, last4: string): StripeObject {
    const amount = Number(intent['amount']);
    const feeAmount = Number(intent['application_fee_amount'] ?? 0);
    const destination = (intent['transfer_data'] as { destination?: string } | null)?.destination ?? null;
    const now = this.store.now();
    const chargeId = this.store.newId('ch');
    const stripeFee = processingFee(amount, method);
    const chargeTxn = this.balance.record({
      account: null,
      amount,
      fee: stripeFee,
      type: 'charge',
      reportingCategory: 'charge',
      source: chargeId,
    });
    const charge: StripeObject = this.store.put({
      id: chargeId,
      object: 'charge',
      amount,
      amount_captured: amount,
      amount_refunded: 0,
      application_fee: null,
      application_fee_amount: feeAmount || null,
      balance_transaction: chargeTxn.id,
      captured: true,
      created: now,
      currency: 'eur',
      description: intent['description'] ?? null,
      destination,
      disputed: false,
      livemode: false,
      metadata: intent['metadata'] ?? {},
      on_behalf_of: null,
      paid: true,
      payment_intent: intent.id,
      payment_method_details:
        method === 'card'
          ? { type: 'card', card: { brand: 'visa', country: 'FR', last4 } }
          : { type: 'sepa_debit', sepa_debit: { country: 'FR', last4 } },
      refunded: false,
      status: 'succeeded',
      transfer: null,
      transfer_data: destination ? { amount: null, destination } : null,
      transfer_group: intent['transfer_group'] ?? null,
    });

    if (destination) {
      const transferId = this.store.newId('tr');
      const destinationPaymentId = this.store.newId('py');
      this.balance.record({
        account: null,
        amount: -amount,
        type: 'transfer',
        reportingCategory: 'transfer',
        source: transferId,
      });
      this.store.put({
        id: transferId,
        object: 'transfer',
        amount,
        amount_reversed: 0,
        created: now,
        currency: 'eur',
        destination,
        destination_payment: destinationPaymentId,
        metadata: {},
        reversed: false,
        source_transaction: chargeId,
        transfer_group: intent['transfer_group'] ?? null,
      });
      const incoming = this.balance.record({
        account: destination,
        amount,
        type: 'payment',
        reportingCategory: 'charge',
        source: destinationPaymentId,
      });
      this.store.put(
        {
          id: destinationPaymentId,
          object: 'charge',
          amount,
          amount_refunded: 0,
          balance_transaction: incoming.id,
          created: now,
          currency: 'eur',
          paid: true,
          source_transfer: transferId,
          status: 'succeeded',
        },
        destination,
      );
      charge['transfer'] = transferId;
      if (feeAmount > 0) {
        const feeId = this.store.newId('fee');
        this.balance.record({
          account: null,
          amount: feeAmount,
          type: 'application_fee',
          reportingCategory: 'platform_earning',
          source: feeId,
        });
        this.balance.record({
          account: destination,
          amount: -feeAmount,
          type: 'application_fee',
          reportingCategory: 'platform_earning',
          source: feeId,
        });
        this.store.put({
          id: feeId,
          object: 'application_fee',
          account: destination,
          amount: feeAmount,
          amount_refunded: 0,
          charge: chargeId,
          created: now,
          currency: 'eur',
          livemode: false,
          originating_transaction: chargeId,
          refunded: false,
        });
        charge['application_fee'] = feeId;
      }
    }
    Object.assign(intent, {
      status: 'succeeded',
      amount_received: amount,
      latest_charge: chargeId,
      last_payment_error: null,
    });
    return charge;
  }

  refund(params: Params, request: RequestContext): StripeObject {
    onlyKnown(params, [
      'payment_intent',
      'charge',
      'amount',
      'reason',
      'reverse_transfer',
      'refund_application_fee',
      'metadata',
      'expand',
      'instructions_email',
    ]);
    const charge = this.refundableCharge(params);
    const gross = Number(charge['amount']);
    const alreadyRefunded = Number(charge['amount_refunded']);
    const remaining = gross - alreadyRefunded;
    if (remaining <= 0)
      throw invalidRequest(`Charge ${charge.id} has already been refunded.`, undefined, 'charge_already_refunded');
    const amount = integerParam(params, 'amount') ?? remaining;
    if (amount <= 0) throw invalidRequest('This value must be greater than or equal to 1.', 'amount');
    if (amount > remaining) {
      throw invalidRequest(
        `Refund amount (€${euros(amount)}) is greater than unrefunded amount on charge (€${euros(remaining)})`,
        'amount',
        'amount_too_large',
      );
    }
    const reason = stringParam(params, 'reason') ?? null;
    if (reason && !REFUND_REASONS.includes(reason))
      throw invalidRequest(`Invalid reason: must be one of ${REFUND_REASONS.join(', ')}`, 'reason');
    const reverseTransfer = booleanParam(params, 'reverse_transfer') ?? false;
    const refundFee = booleanParam(params, 'refund_application_fee') ?? false;
    const isSepa = (charge['payment_method_details'] as { type: string }).type === 'sepa_debit';

    const now = this.store.now();
    const refundId = this.store.newId('re');
    const refundTxn = this.balance.record({
      account: null,
      amount: -amount,
      type: 'refund',
      reportingCategory: 'refund',
      source: refundId,
    });
    const refund: StripeObject = this.store.put({
      id: refundId,
      object: 'refund',
      amount,
      balance_transaction: refundTxn.id,
      charge: charge.id,
      created: now,
      currency: 'eur',
      metadata: metadataParam(params),
      payment_intent: charge['payment_intent'],
      reason,
      receipt_number: null,
      source_transfer_reversal: null,
      status: isSepa ? 'pending' : 'succeeded',
      transfer_reversal: null,
    });
    const previous = { amount_refunded: alreadyRefunded, refunded: charge['refunded'] };
    charge['amount_refunded'] = alreadyRefunded + amount;
    charge['refunded'] = charge['amount_refunded'] === gross;
    const refundedTotal = Number(charge['amount_refunded']);

    const transferId = charge['transfer'] as string | null;
    if (reverseTransfer && transferId) {
      const transfer = this.store.get(transferId, 'transfer');
      const reversal =
        proportionalShare(Number(transfer['amount']), refundedTotal, gross) - Number(transfer['amount_reversed']);
      if (reversal > 0) {
        const reversalId = this.store.newId('trr');
        const destination = transfer['destination'] as string;
        this.balance.record({
          account: null,
          amount: reversal,
          type: 'transfer_refund',
          reportingCategory: 'transfer_reversal',
          source: reversalId,
        });
        this.balance.record({
          account: destination,
          amount: -reversal,
          type: 'payment_refund',
          reportingCategory: 'refund',
          source: reversalId,
        });
        this.store.put({
          id: reversalId,
          object: 'transfer_reversal',
          amount: reversal,
          created: now,
          currency: 'eur',
          destination_payment_refund: null,
          metadata: {},
          source_refund: refundId,
          transfer: transferId,
        });
        transfer['amount_reversed'] = Number(transfer['amount_reversed']) + reversal;
        transfer['reversed'] = transfer['amount_reversed'] === transfer['amount'];
        refund['transfer_reversal'] = reversalId;
      }
    }
    const feeId = charge['application_fee'] as string | null;
    if (refundFee && feeId) {
      const fee = this.store.get(feeId, 'application_fee');
      const feeRefund = proportionalShare(Number(fee['amount']), refundedTotal, gross) - Number(fee['amount_refunded']);
      if (feeRefund > 0) {
        const feeRefundId = this.store.newId('fr');
        this.balance.record({
          account: null,
          amount: -feeRefund,
          type: 'application_fee_refund',
          reportingCategory: 'platform_earning_refund',
          source: feeRefundId,
        });
        this.balance.record({
          account: fee['account'] as string,
          amount: feeRefund,
          type: 'application_fee_refund',
          reportingCategory: 'platform_earning_refund',
          source: feeRefundId,
        });
        this.store.put({
          id: feeRefundId,
          object: 'fee_refund',
          amount: feeRefund,
          balance_transaction: null,
          created: now,
          currency: 'eur',
          fee: feeId,
          metadata: {},
        });
        fee['amount_refunded'] = Number(fee['amount_refunded']) + feeRefund;
        fee['refunded'] = fee['amount_refunded'] === fee['amount'];
      }
    }
    this.events.emit('refund.created', refund, { request });
    this.events.emit('charge.refunded', charge, { request, previous });
    return refund;
  }

  /** A pending (SEPA) refund reaches the customer. */
  completeRefund(refundId: string): void {
    const refund = this.store.get(refundId, 'refund');
    if (refund['status'] !== 'pending') return;
    refund['status'] = 'succeeded';
    this.events.emit('refund.updated', refund, { previous: { status: 'pending' } });
  }

  dispute(chargeId: string): StripeObject {
    const charge = this.store.get(chargeId, 'charge');
    const amount = Number(charge['amount']) - Number(charge['amount_refunded']);
    if (amount <= 0) throw invalidRequest('This charge was fully refunded: there is nothing to dispute.', 'charge');
    const disputeId = this.store.newId('dp');
    this.balance.record({
      account: null,
      amount: -amount,
      type: 'adjustment',
      reportingCategory: 'dispute',
      source: disputeId,
    });
    const dispute = this.store.put({
      id: disputeId,
      object: 'dispute',
      amount,
      charge: chargeId,
      created: this.store.now(),
      currency: 'eur',
      evidence_details: {
        due_by: this.store.now() + 7 * 86_400,
        has_evidence: false,
        past_due: false,
        submission_count: 0,
      },
      is_charge_refundable: false,
      payment_intent: charge['payment_intent'],
      reason: 'fraudulent',
      status: 'needs_response',
    });
    charge['disputed'] = true;
    this.events.emit('charge.dispute.created', dispute);
    return dispute;
  }

  /** Pays out everything available on a connected account (automatic payouts). */
  payout(accountId: string): StripeObject {
    this.store.get(accountId, 'account');
    const swept = this.balance.unpaid(accountId);
    const amount = swept.reduce((sum, txn) => sum + Number(txn['net']), 0);
    if (amount <= 0)
      throw invalidRequest('Insufficient funds in the account to pay out.', 'amount', 'balance_insufficient');
    const payoutId = this.store.newId('po');
    const payoutTxn = this.balance.record({
      account: accountId,
      amount: -amount,
      type: 'payout',
      reportingCategory: 'payout',
      source: payoutId,
    });
    this.balance.assignToPayout([...swept.map((txn) => txn.id), payoutTxn.id], payoutId);
    const now = this.store.now();
    const payout = this.store.put(
      {
        id: payoutId,
        object: 'payout',
        amount,
        arrival_date: now,
        automatic: true,
        balance_transaction: payoutTxn.id,
        created: now,
        currency: 'eur',
        destination: null,
        method: 'standard',
        reconciliation_status: 'completed',
        status: 'paid',
        type: 'bank_account',
      },
      accountId,
    );
    this.events.emit('payout.created', payout, { account: accountId });
    this.events.emit('payout.paid', payout, { account: accountId });
    return payout;
  }

  private refundableCharge(params: Params): StripeObject {
    const chargeId = stringParam(params, 'charge');
    if (chargeId) return this.store.get(chargeId, 'charge', 'charge');
    const intentId = stringParam(params, 'payment_intent');
    if (!intentId)
      throw invalidRequest(
        'One of the following params should be provided for this request: payment_intent or charge.',
        undefined,
        'parameter_missing',
      );
    const intent = this.store.get(intentId, 'payment_intent', 'payment_intent');
    const latest = intent['latest_charge'] as string | null;
    if (intent['status'] !== 'succeeded' || !latest) {
      throw invalidRequest(
        `This PaymentIntent (${intentId}) does not have a successful charge to refund.`,
        'payment_intent',
        'charge_not_refundable',
      );
    }
    return this.store.get(latest, 'charge');
  }
}
