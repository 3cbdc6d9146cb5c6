import type { DataSource, EntityManager } from 'typeorm';
import { DateTime } from 'luxon';
import type { Logger } from '@salle/runtime';
import { logMessage } from '../delivery/send-log';
import { renderContent, type Branding } from '../messages/message-layout';
import { DIGEST, type UnsubscribeTokens } from '../preferences/unsubscribe-token';
import { digestContent, type PendingRequest } from './digest-content';

export interface DigestSettings {
  /** The hour (Paris time) from which the day's digests are written. */
  hour: number;
  brand: Branding;
  /** Signs the digest's one-click unsubscription link (RFC 8058), which stops the digest and nothing else. */
  unsubscribe: UnsubscribeTokens;
  batchSize: number;
  /** The clock deciding the day and the hour (tests move it). */
  now: () => Date;
}

/** The template name the send log keeps for a digest (not a kind: it is chosen on « Mon compte », and undone there or by its link). */
export const DIGEST_TEMPLATE = DIGEST;

interface DigestRun {
  id: string;
  accountId: string;
}

/**
 * Writes each day's digests, from the configured hour on (Paris time). Each
 * batch is one transaction: it inserts the day's `digest_run` rows of the
 * people who chose the digest (unique per person and day, so a second
 * replica, or a second run the same day, writes none), and logs each digest
 * in the send log keyed by its run; the delivery worker sends them. A
 * person with nothing awaiting a decision, or no known e-mail, gets no
 * digest that day.
 */
export class DigestWorker {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: DigestSettings,
    private readonly logger: Logger,
    /** Messages were logged: the delivery worker may send them now. */
    private readonly onLogged: () => void = () => undefined,
  ) {}

  /** Runs batches until every digest of the day is written; returns how many messages were logged. */
  async runOnce(): Promise<number> {
    const now = this.settings.now();
    const local = DateTime.fromJSDate(now, { zone: 'Europe/Paris' });
    if (local.hour < this.settings.hour) return 0;
    const day = local.toISODate();
    let logged = 0;
    for (;;) {
      const [runs, written] = await this.dataSource.transaction(async (manager) => {
        const claimed = (await manager.query(
          `INSERT INTO notification.digest_run (account_id, day)
           SELECT c.account_id, $1::date FROM notification.digest_choice c
            WHERE NOT EXISTS (SELECT 1 FROM notification.digest_run r WHERE r.account_id = c.account_id AND r.day = $1::date)
            ORDER BY c.account_id LIMIT $2
           ON CONFLICT (account_id, day) DO NOTHING
           RETURNING id, account_id AS "accountId"`,
          [day, this.settings.batchSize],
        )) as DigestRun[];
        let count = 0;
        for (const run of claimed) if (await this.writeOne(manager, run, now)) count++;
        return [claimed.length, count] as const;
      });
      logged += written;
      if (written > 0) this.onLogged();
      if (runs < this.settings.batchSize) return logged;
    }
  }

  private async writeOne(manager: EntityManager, run: DigestRun, now: Date): Promise<boolean> {
    const [contact] = (await manager.query(`SELECT email FROM notification.account_contact WHERE account_id = $1`, [
      run.accountId,
    ])) as { email: string }[];
    const pending = (await manager.query(
      `SELECT f.booking_id AS "bookingId", f.establishment_id AS "establishmentId", f.series_id AS "seriesId",
              f.establishment_name AS "establishmentName", f.space_name AS "spaceName", f.starts_at AS "startsAt",
              f.ends_at AS "endsAt", f.price_cents AS "priceCents", f.decision_due_at AS "decisionDueAt"
         FROM notification.booking_fact f
         JOIN notification.establishment_manager m ON m.establishment_id = f.establishment_id
        WHERE m.account_id = $1 AND f.awaiting_decision AND (f.decision_due_at IS NULL OR f.decision_due_at > $2)
        ORDER BY f.establishment_id, f.decision_due_at NULLS LAST, f.starts_at, f.booking_id`,
      [run.accountId, now],
    )) as PendingRequest[];
    if (!contact || !pending.length) return false;
    const token = await this.settings.unsubscribe.sign({ accountId: run.accountId, kind: DIGEST });
    await logMessage(manager, {
      eventId: run.id,
      eventType: 'digest.daily',
      occurredAt: now.toISOString(),
      bookingId: null,
      channel: 'email',
      recipient: contact.email,
      template: DIGEST_TEMPLATE,
      content: renderContent(digestContent(pending, this.settings.brand.webUrl), this.settings.brand),
      unsubscribeUrl: `${this.settings.brand.webUrl}/desabonnement/${token}`,
    });
    // Ids only: the address and the list are personal data.
    this.logger.info({ digestRunId: run.id, requests: pending.length }, 'daily digest logged');
    return true;
  }
}
