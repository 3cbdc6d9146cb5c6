import type { DataSource } from 'typeorm';
import type { Caller } from '@salle/auth';
import { RETENTION_PERIODS, retentionCutoff } from '@salle/contracts';
import { createOutbox } from '@salle/events';
import type { RetentionReport } from '@salle/service';
import type { ErasureRequests } from './erasure-requests';

const BATCH = 500;
const outbox = createOutbox({ schema: 'gateway' });

/** Whom the services see executing an inactive account's erasure: the département, not a person. */
export const RETENTION_CALLER: Caller = {
  accountId: '00000000-0000-0000-0000-000000000000',
  provider: 'proconnect',
  displayName: 'Conservation des données',
  roles: ['department_admin'],
};

export interface InactivityPeriods {
  RETENTION_INACTIVE_ACCOUNT_YEARS: number;
  RETENTION_INACTIVE_ACCOUNT_NOTICE_DAYS: number;
}

/**
 * Accounts without activity (RETENTION_INACTIVE_ACCOUNT_YEARS without a login) are warned: marked, with an
 * `account.inactivity_warned` event in the same transaction, which the notification service turns into an e-mail
 * to the person. A login clears the mark (the account store's upsert). Accounts still unused
 * RETENTION_INACTIVE_ACCOUNT_NOTICE_DAYS after the warning are erased like an erasure request (recorded, so the
 * admins' queue shows it). Marking claims rows with FOR UPDATE SKIP LOCKED, so replicas share them; erasure is
 * idempotent. `now` is a parameter so that tests run it on a simulated clock.
 */
export class InactiveAccounts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly erasure: ErasureRequests,
    private readonly periods: InactivityPeriods,
    private readonly report: RetentionReport,
  ) {}

  async runOnce(now = new Date()): Promise<{ warned: number; erased: number }> {
    const warned = await this.warn(now);
    const erased = await this.eraseUnused(now);
    this.report('inactive_accounts', 'warned', warned);
    this.report('inactive_accounts', 'erased', erased);
    return { warned, erased };
  }

  private notice(): number {
    return this.periods.RETENTION_INACTIVE_ACCOUNT_NOTICE_DAYS;
  }

  private async warn(now: Date): Promise<number> {
    const cutoff = retentionCutoff(
      now,
      this.periods.RETENTION_INACTIVE_ACCOUNT_YEARS,
      RETENTION_PERIODS.RETENTION_INACTIVE_ACCOUNT_YEARS.unit,
    );
    const erasureAt = new Date(now.getTime() + this.notice() * 86_400_000).toISOString();
    let total = 0;
    for (;;) {
      const ids = await this.dataSource.transaction(async (manager) => {
        const [rows] = (await manager.query(
          `WITH due AS (
             SELECT id FROM gateway.account WHERE last_login_at < $1 AND inactivity_warned_at IS NULL
              ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
           UPDATE gateway.account a SET inactivity_warned_at = $2 FROM due WHERE a.id = due.id RETURNING a.id`,
          [cutoff, now, BATCH],
        )) as [{ id: string }[], number];
        for (const { id } of rows)
          await outbox.add(manager, {
            type: 'account.inactivity_warned',
            aggregateId: id,
            payload: { accountId: id, erasureAt },
          });
        return rows.map((row) => row.id);
      });
      total += ids.length;
      if (ids.length < BATCH) return total;
    }
  }

  /** Warned before the notice period and not logged in since (a login clears the mark): erased one by one. */
  private async eraseUnused(now: Date): Promise<number> {
    const cutoff = retentionCutoff(now, this.notice(), RETENTION_PERIODS.RETENTION_INACTIVE_ACCOUNT_NOTICE_DAYS.unit);
    const due = (await this.dataSource.query(
      `SELECT id FROM gateway.account WHERE inactivity_warned_at < $1 ORDER BY inactivity_warned_at LIMIT $2`,
      [cutoff, BATCH],
    )) as { id: string }[];
    let erased = 0;
    for (const { id } of due) {
      const { request } = await this.erasure.request(id);
      const done = await this.erasure.execute(request.id, RETENTION_CALLER, `retention-${request.id}`);
      if (done.executedAt) erased += 1;
    }
    return erased;
  }
}
