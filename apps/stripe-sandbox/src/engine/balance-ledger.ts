import type { SandboxStore, StripeObject } from './sandbox-store';

export interface NewBalanceTransaction {
  account: string | null;
  amount: number;
  fee?: number;
  type: string;
  reportingCategory: string;
  source: string;
  description?: string;
}

/**
 * The balance transactions (`txn_`) of the platform and of each connected
 * account: the money truth the payment service reconciles against. Funds are
 * available at once in the sandbox.
 */
export class BalanceLedger {
  /** Balance transaction id -> payout that swept it. */
  private readonly paidOutBy = new Map<string, string>();

  constructor(private readonly store: SandboxStore) {}

  record(input: NewBalanceTransaction): StripeObject {
    const now = this.store.now();
    const fee = input.fee ?? 0;
    return this.store.put(
      {
        id: this.store.newId('txn'),
        object: 'balance_transaction',
        amount: input.amount,
        available_on: now,
        created: now,
        currency: 'eur',
        description: input.description ?? null,
        exchange_rate: null,
        fee,
        fee_details: fee
          ? [
              {
                amount: fee,
                application: null,
                currency: 'eur',
                description: 'Stripe processing fees',
                type: 'stripe_fee',
              },
            ]
          : [],
        net: input.amount - fee,
        reporting_category: input.reportingCategory,
        source: input.source,
        status: 'available',
        type: input.type,
      },
      input.account,
    );
  }

  /** Available transactions of an account not yet swept by a payout. */
  unpaid(account: string): StripeObject[] {
    return this.store
      .all('balance_transaction', account)
      .filter((txn) => txn['type'] !== 'payout' && !this.paidOutBy.has(txn.id));
  }

  assignToPayout(transactionIds: string[], payoutId: string): void {
    for (const id of transactionIds) this.paidOutBy.set(id, payoutId);
  }

  payoutOf(transactionId: string): string | undefined {
    return this.paidOutBy.get(transactionId);
  }
}
