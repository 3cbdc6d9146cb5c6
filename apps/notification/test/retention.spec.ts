// Retention of the send log: messages sent or failed for good and reminders settled before RETENTION_MESSAGES_MONTHS
// are deleted by the service's own job, reported as a metric; what is newer, or still to send, stays.
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { createLogger } from '@salle/runtime';
import { retentionReport } from '@salle/service';
import { deleteOldMessages } from '../src/privacy/retention';
import { NotificationTestKit } from './notification-test-kit';

const DAY_MS = 86_400_000;

describe('retention of messages', () => {
  let kit: NotificationTestKit;

  beforeAll(async () => {
    // The job runs every 200 ms in this service: the second test watches it do its work.
    kit = await NotificationTestKit.start('notif-retention', {
      env: { NOTIFICATION_RETENTION_INTERVAL_MS: '200', RETENTION_MESSAGES_MONTHS: '12' },
    });
  }, 60_000);
  afterAll(() => kit?.stop());

  /** A message as the planner logs one, `daysAgo` days old; its id. */
  async function message(status: 'pending' | 'sent' | 'failed', daysAgo: number): Promise<string> {
    const [row] = (await kit.dataSource.query(
      `INSERT INTO notification.message (event_id, event_type, recipient, channel, template, subject, body_text, status,
                                         occurred_at, created_at)
       VALUES ($1, 'booking.requested', 'angela.dubois@example.test', 'email', 'request_received', 'Demande reçue',
               'Bonjour Angela', $2, now(), now() - make_interval(days => $3)) RETURNING id`,
      [randomUUID(), status, daysAgo],
    )) as { id: string }[];
    return row?.id ?? '';
  }

  /**
   * A reminder as the planner schedules one, settled `daysAgo` days ago (or still scheduled when null). Due
   * tomorrow: the service's own sender, which runs during the test, must not send the scheduled one (its message
   * would be one more for the retention to count).
   */
  async function reminder(daysAgo: number | null): Promise<string> {
    const [row] = (await kit.dataSource.query(
      `INSERT INTO notification.scheduled_message (kind, booking_id, dedupe_key, due_at, expires_at, planned, state,
                                                   settled_at)
       VALUES ('session_reminder', $1, $2, now() + interval '1 day', now() + interval '2 days',
               '[{"recipient": "angela.dubois@example.test"}]', $3, now() - make_interval(days => $4)) RETURNING id`,
      [randomUUID(), randomUUID(), daysAgo === null ? 'scheduled' : 'done', daysAgo ?? 0],
    )) as { id: string }[];
    if (daysAgo === null)
      await kit.dataSource.query(`UPDATE notification.scheduled_message SET settled_at = NULL WHERE id = $1`, [
        row?.id,
      ]);
    return row?.id ?? '';
  }

  const left = async (table: string, ids: string[]) =>
    (
      (await kit.dataSource.query(`SELECT id FROM notification.${table} WHERE id = ANY($1)`, [ids])) as {
        id: string;
      }[]
    ).map((row) => row.id);

  it('deletes exactly what is past the period, idempotently, on a simulated clock', async () => {
    // All younger than 12 months, so that the service's own job (real clock) leaves them to this test.
    const sent = await message('sent', 300);
    const failed = await message('failed', 280);
    const sentLater = await message('sent', 200);
    const stillToSend = await message('pending', 300);
    const settled = await reminder(300);
    const settledLater = await reminder(10);
    const scheduled = await reminder(null);
    const messages = [sent, failed, sentLater, stillToSend];
    const reminders = [settled, settledLater, scheduled];
    const registry = new Registry();
    const report = retentionReport(createLogger({ service: 'notification', level: 'silent' }), registry);
    const inDays = (days: number) => new Date(Date.now() + days * DAY_MS);

    expect(await deleteOldMessages(kit.dataSource, 12, report)).toEqual({ messages: 0, reminders: 0 });
    // 90 days on, the cutoff is 275 days back from today: two replicas at once delete what is due once, between them.
    const [one, other] = await Promise.all([
      deleteOldMessages(kit.dataSource, 12, report, inDays(90)),
      deleteOldMessages(kit.dataSource, 12, report, inDays(90)),
    ]);
    expect({ messages: one.messages + other.messages, reminders: one.reminders + other.reminders }).toEqual({
      messages: 2,
      reminders: 1,
    });
    expect(await left('message', messages)).toEqual(expect.arrayContaining([sentLater, stillToSend]));
    expect(await left('message', messages)).toHaveLength(2);
    expect(await left('scheduled_message', reminders)).toEqual(expect.arrayContaining([settledLater, scheduled]));
    expect(await left('scheduled_message', reminders)).toHaveLength(2);
    expect(await deleteOldMessages(kit.dataSource, 12, report, inDays(90))).toEqual({ messages: 0, reminders: 0 });

    // A year on, the later ones are due too; a message still to send and a reminder still scheduled never are.
    expect(await deleteOldMessages(kit.dataSource, 12, report, inDays(365))).toEqual({ messages: 1, reminders: 1 });
    expect(await left('message', messages)).toEqual([stillToSend]);
    expect(await left('scheduled_message', reminders)).toEqual([scheduled]);
    const metric = await registry.getSingleMetric('retention_records_total')?.get();
    // The two runs at once above report in either order (a kind with nothing deleted is not counted).
    const counted = metric?.values.map(({ labels, value }) => [labels, value]);
    expect(counted).toHaveLength(2);
    expect(counted).toEqual(
      expect.arrayContaining([
        [{ kind: 'messages', action: 'deleted' }, 3],
        [{ kind: 'settled_reminders', action: 'deleted' }, 2],
      ]),
    );
  });

  it('runs in the service, with a metric of what it deleted and pseudonymised', async () => {
    const old = await message('sent', 500);
    // A person's choice recorded six years ago (NOTIFICATION_AUDIT_PSEUDONYMISE_AFTER_YEARS: 5), and one of today.
    const auditEntry = async (yearsAgo: number) => {
      const accountId = randomUUID();
      const [row] = (await kit.dataSource.query(
        `INSERT INTO notification.audit_log (at, actor_account_id, actor_role, action, object_type, object_id)
         VALUES (now() - make_interval(years => $2), $1::uuid, 'account_holder', 'preferences.updated', 'account', $1::text)
         RETURNING id::text AS id`,
        [accountId, yearsAgo],
      )) as { id: string }[];
      return { id: row?.id, accountId };
    };
    const oldChoice = await auditEntry(6);
    const recentChoice = await auditEntry(0);
    const actorOf = async (id: string | undefined) =>
      (
        (await kit.dataSource.query(`SELECT actor_account_id, object_id FROM notification.audit_log WHERE id = $1`, [
          id,
        ])) as { actor_account_id: string | null; object_id: string }[]
      )[0];
    const deadline = Date.now() + 10_000;
    while ((await left('message', [old])).length > 0 || (await actorOf(oldChoice.id))?.actor_account_id) {
      if (Date.now() > deadline) throw new Error('the service never applied the retention');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await actorOf(oldChoice.id)).toEqual({ actor_account_id: null, object_id: 'pseudonymisé' });
    expect(await actorOf(recentChoice.id)).toEqual({
      actor_account_id: recentChoice.accountId,
      object_id: recentChoice.accountId,
    });
    const metrics = await (await fetch(`${kit.service?.metricsUrl}/metrics`)).text();
    expect(metrics).toMatch(
      /^retention_records_total\{kind="messages",action="deleted",service="notification"\} [1-9]\d*$/m,
    );
    expect(metrics).toMatch(
      /^retention_records_total\{kind="audit_entries",action="pseudonymised",service="notification"\} 1$/m,
    );
  });
});
