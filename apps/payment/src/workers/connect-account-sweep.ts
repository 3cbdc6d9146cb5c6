import type { DataSource } from 'typeorm';
import type { Logger } from '@salle/runtime';
import { returnedRows } from '@salle/db';
import type { PayoutAccounts } from '../accounts/payout-accounts';
import type { PaymentProvider } from '../provider/payment-provider';
import { catchUpSince, storeFetched } from './catch-up';

export interface ConnectSweepOptions {
  now: () => Date;
  /** An account not ready yet is swept again this long after its last sweep (a collège may be waiting for it). */
  pendingEveryMs?: number;
  /** A ready account (a restriction, a payout) is swept again this long after its last sweep. */
  readyEveryMs?: number;
  /** Accounts swept per run, so that a département's hundred collèges are spread over several runs. */
  batchSize?: number;
}

interface DueAccount {
  accountId: string;
  previousSweepAt: Date | null;
}

/**
 * Payout accounts and their payouts change only through Connect events
 * (`account.updated`, `payout.paid`), which the platform's own event list
 * does not contain. Each account is swept in turn: re-read at the provider,
 * which settles its readiness whatever events were lost, then the events
 * that happened on it since its previous sweep are listed back and stored
 * like deliveries (payouts included).
 */
export class ConnectAccountSweep {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provider: PaymentProvider,
    private readonly accounts: PayoutAccounts,
    private readonly onStored: () => void,
    private readonly options: ConnectSweepOptions,
    private readonly logger: Logger,
  ) {}

  async run(): Promise<{ swept: number; caughtUp: number }> {
    const due = await this.lease();
    let caughtUp = 0;
    for (const account of due) {
      try {
        await this.accounts.refresh(account.accountId);
        const since = catchUpSince(account.previousSweepAt, this.options.now());
        caughtUp += await storeFetched(
          this.dataSource,
          this.provider,
          await this.provider.listRecentEvents(since, account.accountId),
        );
      } catch (error) {
        // The next sweep lists from the same point again.
        await this.dataSource.query(`UPDATE payment.payout_account SET swept_at = $2 WHERE account_id = $1`, [
          account.accountId,
          account.previousSweepAt,
        ]);
        this.logger.warn(
          { account: account.accountId, reason: (error as Error).message },
          'payout account not swept yet: retrying at the next sweep',
        );
      }
    }
    if (caughtUp > 0) {
      this.logger.warn({ stored: caughtUp }, 'Connect events missed by the webhook endpoint were fetched back');
      this.onStored();
    }
    return { swept: due.length, caughtUp };
  }

  /** Marks the accounts due as swept now (other replicas skip them), returning when each was swept before. */
  private async lease(): Promise<DueAccount[]> {
    const now = this.options.now();
    return returnedRows<DueAccount>(
      this.dataSource,
      `UPDATE payment.payout_account account SET swept_at = $1
         FROM (SELECT account_id, swept_at FROM payment.payout_account
                WHERE swept_at IS NULL OR swept_at < CASE WHEN status = 'ready' THEN $2::timestamptz ELSE $3::timestamptz END
                ORDER BY swept_at NULLS FIRST LIMIT $4 FOR UPDATE SKIP LOCKED) previous
        WHERE account.account_id = previous.account_id
        RETURNING account.account_id AS "accountId", previous.swept_at AS "previousSweepAt"`,
      [
        now,
        new Date(now.getTime() - (this.options.readyEveryMs ?? 3_600_000)),
        new Date(now.getTime() - (this.options.pendingEveryMs ?? 300_000)),
        this.options.batchSize ?? 20,
      ],
    );
  }
}
