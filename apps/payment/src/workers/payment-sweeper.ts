import type { DataSource } from 'typeorm';
import type { Logger } from '@salle/runtime';
import { firstRow, rows } from '../payments/payment-records';
import type { PaymentProvider } from '../provider/payment-provider';
import type { CheckoutSettlement } from '../settlement/checkout-settlement';
import { storeNotification } from '../webhooks/notification-inbox';

export interface SweeperOptions {
  now: () => Date;
  /** Grace after a hold's end before the checkout is re-read (the expiry event usually comes first). */
  graceMs?: number;
  /** Processing (SEPA) payments re-read when silent this long. */
  processingStaleMs?: number;
}

/** Events are fetched back this far when the inbox is empty, and with this overlap otherwise. */
const CATCH_UP_WINDOW_MS = 3 * 24 * 3_600_000;
const CATCH_UP_OVERLAP_MS = 3_600_000;

/**
 * Settles what the webhooks did not: checkouts whose hold elapsed without an
 * event, debits silent for too long, and provider events that never reached
 * the endpoint (listed back and stored like a delivery).
 */
export class PaymentSweeper {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provider: PaymentProvider,
    private readonly settlement: CheckoutSettlement,
    private readonly onStored: () => void,
    private readonly options: SweeperOptions,
    private readonly logger: Logger,
  ) {}

  async run(): Promise<{ reread: number; caughtUp: number }> {
    const reread = await this.rereadStale();
    const caughtUp = await this.catchUp();
    return { reread, caughtUp };
  }

  async rereadStale(): Promise<number> {
    const now = this.options.now();
    const stale = await rows<{ checkoutId: string }>(
      this.dataSource,
      `SELECT checkout_id AS "checkoutId" FROM payment.payment
        WHERE checkout_id IS NOT NULL AND (
              (status = 'open' AND expires_at < $1)
           OR (status = 'processing' AND updated_at < $2))
        ORDER BY expires_at LIMIT 100`,
      [new Date(now.getTime() - (this.options.graceMs ?? 60_000)), new Date(now.getTime() - (this.options.processingStaleMs ?? 3_600_000))],
    );
    for (const { checkoutId } of stale) {
      try {
        await this.settlement.reconcile(checkoutId);
      } catch (error) {
        this.logger.warn({ checkout: checkoutId, reason: (error as Error).message }, 'stale checkout not settled yet');
      }
    }
    return stale.length;
  }

  async catchUp(): Promise<number> {
    const latest = await firstRow<{ at: Date | null }>(this.dataSource, `SELECT max(created_at) AS at FROM payment.provider_event`);
    const now = this.options.now().getTime();
    const since = latest?.at ? new Date(Math.min(latest.at.getTime(), now) - CATCH_UP_OVERLAP_MS) : new Date(now - CATCH_UP_WINDOW_MS);
    let stored = 0;
    for (const envelope of await this.provider.listRecentNotifications(since)) {
      const nothingToDo = this.provider.interpret(envelope).kind === 'ignored';
      if (await storeNotification(this.dataSource, this.provider.name, envelope, { nothingToDo })) stored++;
    }
    if (stored > 0) {
      this.logger.warn({ stored }, 'provider events missed by the webhook endpoint were fetched back');
      this.onStored();
    }
    return stored;
  }
}
