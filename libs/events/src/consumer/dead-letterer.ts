import type { Redis } from '@salle/redis';
import type { Logger } from '@salle/runtime';
import { FIELD, fieldsToRecord } from '../event-envelope';
import { streamKey } from '../event-keys';
import type { ConsumerMetrics, Delivery } from './consumer-types';
import { INFRASTRUCTURE_RETRY_MS, type RetryScheduler } from './retry-scheduler';

/** The fields of a dead-letter entry: where the message came from, why it died, and all its original fields. */
export function deadLetterFields(
  delivery: Delivery,
  record: Record<string, string>,
  death: { group: string; consumerName: string; reason: string; deadAt: Date },
): string[] {
  return [
    'group',
    death.group,
    'stream',
    delivery.stream,
    'entry_id',
    delivery.entryId,
    'event_id',
    record[FIELD.id] ?? '',
    'type',
    record[FIELD.type] ?? '',
    'version',
    record[FIELD.version] ?? '',
    'reason',
    death.reason,
    'attempts',
    String(delivery.attempt),
    'dead_at',
    death.deadAt.toISOString(),
    'consumer',
    death.consumerName,
    'fields',
    JSON.stringify(record),
  ];
}

export interface DeadLettererDeps {
  group: string;
  consumerName: string;
  prefix: string;
  deadKey: string;
  commands(): Redis;
  retries: RetryScheduler;
  logger: Logger;
  metrics: ConsumerMetrics | undefined;
}

/**
 * Moves a message to the group's dead-letter stream and acknowledges it in
 * the same Redis transaction, so the flow goes on; when Redis refuses, the
 * message stays pending and is tried again later.
 */
export function createDeadLetterer(
  deps: DeadLettererDeps,
): (delivery: Delivery, reason: string, label: string) => Promise<void> {
  const { group, logger } = deps;

  async function deadLetter(delivery: Delivery, reason: string, label: string) {
    const record = fieldsToRecord(delivery.fields);
    const type = record[FIELD.type] ?? '';
    const transaction = deps.commands().multi();
    transaction.xadd(
      deps.deadKey,
      '*',
      ...deadLetterFields(delivery, record, { group, consumerName: deps.consumerName, reason, deadAt: new Date() }),
    );
    transaction.xack(streamKey(deps.prefix, delivery.stream), group, delivery.entryId);
    const results = await transaction.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('dead-letter transaction discarded');
    deps.retries.forget(delivery);
    deps.metrics?.deadLettered.inc({ stream: delivery.stream, group, type: type || 'unknown', reason: label });
    logger.error(
      {
        eventId: record[FIELD.id],
        type,
        stream: delivery.stream,
        entryId: delivery.entryId,
        attempts: delivery.attempt,
        reason,
      },
      'event dead-lettered',
    );
  }

  return async (delivery, reason, label) => {
    try {
      await deadLetter(delivery, reason, label);
    } catch (error) {
      logger.warn(
        { reason: (error as Error).message, entryId: delivery.entryId },
        'cannot dead-letter yet, will retry',
      );
      deps.retries.later(delivery, INFRASTRUCTURE_RETRY_MS, false);
    }
  };
}
