import type { DataSource } from 'typeorm';
import type { Caller } from '@salle/auth';
import { serviceErasureReportSchema, type ErasureRequestView, type ServiceErasureReport } from '@salle/contracts';
import { deleteDeadLetters, deleteDeliveredEventsNaming, streamKey, type DeadLetter } from '@salle/events';
import { eraseFromAuditLog, recordAudit } from '@salle/db';
import { notFound } from '@salle/http';
import type { Redis } from '@salle/redis';
import type { SessionStore } from '../sessions/session-store';
import type { PrivacyService, ServiceParts } from './service-parts';

interface Row {
  id: string;
  accountId: string;
  requestedAt: Date;
  deadlineAt: Date;
  executedAt: Date | null;
  report: Record<string, ServiceErasureReport> | null;
}

const COLUMNS = `id, account_id AS "accountId", requested_at AS "requestedAt", deadline_at AS "deadlineAt",
  executed_at AS "executedAt", report`;

const view = (row: Row): ErasureRequestView => ({
  ...row,
  requestedAt: row.requestedAt.toISOString(),
  deadlineAt: row.deadlineAt.toISOString(),
  executedAt: row.executedAt?.toISOString() ?? null,
});

const SERVICES: readonly PrivacyService[] = ['booking', 'notification', 'payment'];

/**
 * « Supprimer mon compte » (RGPD art. 17): a person records a request, answered within one month; a
 * département admin executes it. Each service erases or pseudonymises its part (idempotent, so a failed
 * execution is simply run again), then the gateway deletes the dead letters naming the person (every consumer
 * group's), deletes the account, strips the person from the events it announced, and ends every session. The request row stays, with what each service kept and why.
 */
export class ErasureRequests {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionStore,
    private readonly services: ServiceParts,
    /** Where the gateway's events were relayed: their copies of the person's contact are deleted there too. */
    private readonly events: { redis: Redis; keyPrefix: string },
  ) {}

  /** The person's open request, created if there is none. */
  async request(accountId: string): Promise<{ request: ErasureRequestView; created: boolean }> {
    const created = await this.dataSource.transaction(async (manager) => {
      const [inserted] = (await manager.query(
        `INSERT INTO gateway.erasure_request (account_id, deadline_at) VALUES ($1, now() + interval '1 month')
         ON CONFLICT (account_id) WHERE executed_at IS NULL DO NOTHING RETURNING ${COLUMNS}`,
        [accountId],
      )) as Row[];
      if (inserted)
        await recordAudit(manager, 'gateway', {
          actor: { accountId, role: 'account_holder' },
          action: 'erasure.requested',
          object: { type: 'erasure_request', id: inserted.id },
        });
      return inserted;
    });
    if (created) return { request: view(created), created: true };
    const [open] = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM gateway.erasure_request WHERE account_id = $1 AND executed_at IS NULL`,
      [accountId],
    )) as Row[];
    if (!open) throw new Error('no open erasure request after a conflicting insert');
    return { request: view(open), created: false };
  }

  /** The requests of one account (its own, for the export of its data), oldest first. */
  async ofAccount(accountId: string): Promise<ErasureRequestView[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM gateway.erasure_request WHERE account_id = $1 ORDER BY requested_at, id`,
      [accountId],
    )) as Row[];
    return rows.map(view);
  }

  /** Open requests first, the nearest deadline first; then the executed ones, newest first. */
  async list(): Promise<ErasureRequestView[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM gateway.erasure_request
        ORDER BY executed_at IS NOT NULL, deadline_at, executed_at DESC LIMIT 500`,
    )) as Row[];
    return rows.map(view);
  }

  async execute(id: string, admin: Caller, requestId: string): Promise<ErasureRequestView> {
    const [row] = (await this.dataSource.query(`SELECT ${COLUMNS} FROM gateway.erasure_request WHERE id = $1`, [
      id,
    ])) as Row[];
    if (!row) throw notFound('La demande de suppression');
    if (row.executedAt) return view(row);
    const report: Record<string, ServiceErasureReport> = {};
    for (const service of SERVICES) {
      const path = `/personal-data/${row.accountId}/erase`;
      report[service] = await this.services.post(service, path, serviceErasureReportSchema, admin, requestId);
    }
    report['deadLetters'] = { removed: await this.deleteDeadLettersOf(row.accountId), kept: [] };
    const executed = await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM gateway.account WHERE id = $1`, [row.accountId]);
      // The announcements of the person's contact keep their account id only.
      const [announced] = (await manager.query(
        `UPDATE gateway.event_outbox SET payload = payload - 'email' - 'displayName'
          WHERE aggregate_id = $1 AND type = 'account.contact_changed'
          RETURNING stream_ms AS ms, stream_seq AS seq`,
        [row.accountId],
      )) as [{ ms: string | null; seq: string | null }[], number];
      await this.deleteRelayedCopies(announced);
      // Those already delivered to every consumer go, with the account id they keep (those in flight go when pruned).
      await deleteDeliveredEventsNaming(manager, 'gateway', row.accountId);
      await eraseFromAuditLog(manager, 'gateway', row.accountId);
      const [done] = (await manager.query(
        `UPDATE gateway.erasure_request SET executed_at = now(), report = $2
          WHERE id = $1 AND executed_at IS NULL RETURNING ${COLUMNS}`,
        [id, JSON.stringify(report)],
      )) as [Row[], number];
      if (done[0])
        await recordAudit(manager, 'gateway', {
          actor: { accountId: admin.accountId, role: 'department_admin' },
          action: 'erasure.executed',
          // The request, not the account: the entry must not name the person erased.
          object: { type: 'erasure_request', id },
        });
      return done[0];
    });
    await this.sessions.destroyAllFor(row.accountId);
    if (executed) return view(executed);
    // Executed meanwhile by another admin: theirs is the record.
    const [again] = (await this.dataSource.query(`SELECT ${COLUMNS} FROM gateway.erasure_request WHERE id = $1`, [
      id,
    ])) as Row[];
    return view(again ?? row);
  }

  /**
   * The dead letters of every consumer group that name the person (their account id, e-mail or federation
   * subject): a dead letter is a full copy of an event that no trimming removes, and replaying one would bring
   * the erased contact back. Read before the account row goes, since its claims give the e-mail.
   */
  private async deleteDeadLettersOf(accountId: string): Promise<number> {
    const [account] = (await this.dataSource.query(
      `SELECT subject, claims->>'email' AS email FROM gateway.account WHERE id = $1`,
      [accountId],
    )) as { subject: string; email: string | null }[];
    const needles = [accountId, account?.subject, account?.email]
      .filter((needle): needle is string => Boolean(needle))
      .map((needle) => needle.toLowerCase());
    const concerns = (letter: DeadLetter) => {
      const text = JSON.stringify(letter.fields).toLowerCase();
      return needles.some((needle) => text.includes(needle));
    };
    return deleteDeadLetters({ redis: this.events.redis, keyPrefix: this.events.keyPrefix }, concerns);
  }

  /** The stream entries the relay made of those announcements (consumed by now, or never to be: the contact is gone). */
  private async deleteRelayedCopies(announced: { ms: string | null; seq: string | null }[]): Promise<void> {
    const ids = announced.filter((entry) => entry.ms !== null).map((entry) => `${entry.ms}-${entry.seq ?? 0}`);
    if (ids.length === 0) return;
    // The event keys are built without the connection's own key prefix (as the relay writes them).
    const redis = this.events.redis.duplicate({ keyPrefix: '' });
    try {
      await redis.xdel(streamKey(this.events.keyPrefix, 'gateway'), ...ids);
    } finally {
      redis.disconnect();
    }
  }
}
