import type { DataSource } from 'typeorm';
import type { Logger } from '@salle/runtime';
import { queryOne } from '@salle/db';
import { payoutAccountTable, type PayoutAccountRecord } from '../database/tables/payout-account-table';
import type { PaymentProvider } from '../provider/payment-provider';
import { payoutEntry } from './ledger-entries';
import { appendLedgerEntries } from './ledger-store';

/**
 * A payout to a collège's bank account (automatic payouts): recorded in the
 * ledger with the balance transactions it swept, so that each payout can be
 * matched, entry by entry, with what the collège received.
 */
export class PayoutRecorder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provider: PaymentProvider,
    private readonly logger: Logger,
  ) {}

  async record(
    payout: { accountId: string; payoutId: string; amountCents: number; arrivalAt: Date },
    sourceEventId: string | null,
  ): Promise<void> {
    const account = await queryOne<Pick<PayoutAccountRecord, 'establishmentId'>>(
      this.dataSource,
      `SELECT ${payoutAccountTable.pick('establishmentId')} FROM payment.payout_account WHERE account_id = $1`,
      [payout.accountId],
    );
    if (!account) {
      this.logger.info(
        { account: payout.accountId, payout: payout.payoutId },
        'payout of an account this service does not know: ignored',
      );
      return;
    }
    const items = await this.provider.listPayoutItems(payout.accountId, payout.payoutId);
    await this.dataSource.transaction(async (manager) => {
      await appendLedgerEntries(
        manager,
        [
          payoutEntry(account.establishmentId, payout.accountId, {
            id: payout.payoutId,
            amountCents: payout.amountCents,
            arrivalAt: payout.arrivalAt,
          }),
        ],
        sourceEventId,
      );
      for (const item of items) {
        await manager.query(
          `INSERT INTO payment.payout_item (payout_id, establishment_id, transaction_id, source_object_id, type, net_cents)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [payout.payoutId, account.establishmentId, item.transactionId, item.sourceObjectId, item.type, item.netCents],
        );
      }
    });
  }
}
