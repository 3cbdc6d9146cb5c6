import type { DataSource } from 'typeorm';
import type { Logger } from '@salle/runtime';
import { queryOne, queryRows } from '@salle/db';
import { paymentTable } from '../database/tables/payment-table';
import type { PaymentProvider } from '../provider/payment-provider';
import type { CheckoutSettlement } from '../settlement/checkout-settlement';
import { catchUpSince, storeFetched } from './catch-up';
import type { ConnectAccountSweep } from './connect-account-sweep';

export interface SweeperOptions {
  now: () => Date;
  /** Grace after a hold's end before the checkout is re-read (the expiry event usually comes first). */
  graceMs?: number;
  /** Processing (SEPA) payments re-read when silent this long. */
  processingStaleMs?: number;
}

/**
 * Settles what the webhooks did not: checkouts whose hold elapsed without an
 * event, debits silent for too long, provider events that never reached
 * the endpoint (listed back and stored like a delivery), and payout accounts
 * with their Connect events (`ConnectAccountSweep`).
 */
export class PaymentSweeper {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provider: PaymentProvider,
    private readonly settlement: CheckoutSettlement,
    private readonly connect: ConnectAccountSweep,
    private readonly onStored: () => void,
    private readonly options: SweeperOptions,
    private readonly logger: Logger,
  ) {}

  async run(): Promise<{ reread: number; caughtUp: number; accountsSwept: number }> {
    const reread = await this.rereadStale();
    const caughtUp = await this.catchUp();
    const connect = await this.connect.run();
    return { reread, caughtUp: caughtUp + connect.caughtUp, accountsSwept: connect.swept };
  }

  async rereadStale(): Promise<number> {
    const now = this.options.now();
    // PayFiP operations have their own catch-up (PayfipCatchUp): only this provider's checkouts here.
    const stale = await queryRows<{ checkoutId: string }>(
      this.dataSource,
      `SELECT ${paymentTable.pick('checkoutId')} FROM payment.payment
        WHERE checkout_id IS NOT NULL AND provider = $3 AND (
              (status = 'open' AND expires_at < $1)
           OR (status = 'processing' AND updated_at < $2))
        ORDER BY expires_at LIMIT 100`,
      [
        new Date(now.getTime() - (this.options.graceMs ?? 60_000)),
        new Date(now.getTime() - (this.options.processingStaleMs ?? 3_600_000)),
        this.provider.name,
      ],
    );
    for (const { checkoutId } of stale) {
      try {
        await this.settlement.settleCheckout(checkoutId);
      } catch (error) {
        this.logger.warn({ checkout: checkoutId, reason: (error as Error).message }, 'stale checkout not settled yet');
      }
    }
    return stale.length;
  }

  /** The platform's own events; those of connected accounts are listed per account (`ConnectAccountSweep`). */
  async catchUp(): Promise<number> {
    const latest = await queryOne<{ at: Date | null }>(
      this.dataSource,
      `SELECT max(created_at) AS at FROM payment.provider_event`,
    );
    const since = catchUpSince(latest?.at ?? null, this.options.now());
    const stored = await storeFetched(this.dataSource, this.provider, await this.provider.listRecentEvents(since));
    if (stored > 0) {
      this.logger.warn({ stored }, 'provider events missed by the webhook endpoint were fetched back');
      this.onStored();
    }
    return stored;
  }
}
