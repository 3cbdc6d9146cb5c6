import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { EventType } from '@salle/contracts';
import { preparedStatement, runPrepared } from '@salle/db';
import { contextFromTraceparent, inSpan, SpanKind, type Logger } from '@salle/runtime';
import type { ConsumedEvent } from '../event-envelope';
import { isTransientDatabaseError } from '../transient-errors';
import type { ConsumerHooks, ConsumerMetrics, HandlerContext, Work } from './consumer-types';

export interface InboxTransactionDeps {
  dataSource: DataSource;
  /** The qualified inbox table. */
  inbox: string;
  group: string;
  failed(work: Work, error: unknown): Promise<void>;
  logger: Logger;
  metrics: ConsumerMetrics | undefined;
  hooks: ConsumerHooks | undefined;
}

export type Together = { ok: true } | { ok: false; culprit?: { work: Work; error: unknown } };

export interface InboxTransactions {
  /** Runs one event's handler in a transaction with its inbox row. Returns true when done (to acknowledge). */
  handleOne(work: Work): Promise<boolean>;
  /**
   * Group commit: a chunk in one transaction (one inbox insert, the handlers
   * in order, one commit). When a handler throws, everything rolls back and
   * that handler's event is reported, so that the caller can fail it alone
   * and run the others again without it.
   */
  handleTogether(chunk: Work[]): Promise<Together>;
}

/** The query runner of a transaction's manager (TypeORM's `transaction` always gives one). */
function runnerOf(manager: EntityManager): QueryRunner {
  if (!manager.queryRunner) throw new Error('no query runner on the transaction manager');
  return manager.queryRunner;
}

/** What a handler gets besides its event. */
function contextFor(work: Work, manager: EntityManager, logger: Logger): HandlerContext {
  let eventLogger: Logger | undefined;
  return {
    manager,
    attempt: work.delivery.attempt,
    // Made on first use: most handlers never log, and a child logger per event is measurable.
    get logger() {
      eventLogger ??= logger.child({
        eventId: work.envelope.id,
        type: work.envelope.type,
        requestId: work.envelope.requestId,
      });
      return eventLogger;
    },
    stream: work.delivery.stream,
    entryId: work.delivery.entryId,
  };
}

/** Counts a committed event; a processed one also gives its delivery time. */
function count(work: Work, outcome: 'processed' | 'duplicate', group: string, metrics: ConsumerMetrics | undefined) {
  metrics?.consumed.inc({ stream: work.delivery.stream, group, type: work.envelope.type, outcome });
  if (outcome === 'processed') {
    metrics?.delivery.observe(
      { stream: work.delivery.stream, group },
      Math.max(0, Date.now() - Date.parse(work.envelope.occurredAt)) / 1000,
    );
  }
}

/**
 * Runs a handler in a consumer span that continues the producer's trace (the
 * event's `traceparent`), so that what the handler writes (its own events
 * included) belongs to the same trace. Just runs it when tracing is off.
 */
function handleTraced(work: Work, run: () => Promise<void>): Promise<void> {
  const { envelope } = work;
  return inSpan(
    {
      name: `consume ${envelope.type}`,
      kind: SpanKind.CONSUMER,
      parent: contextFromTraceparent(envelope.traceparent),
      attributes: {
        'messaging.system': 'redis',
        'messaging.destination.name': work.delivery.stream,
        'messaging.message.id': envelope.id,
      },
    },
    run,
  );
}

/** The transactions that record events in the inbox and run their handlers: the only way effects are written. */
export function createInboxTransactions(deps: InboxTransactionDeps): InboxTransactions {
  const { dataSource, group, logger, metrics, hooks } = deps;
  const insertInboxOne = preparedStatement(
    `INSERT INTO ${deps.inbox} (consumer_group, event_id, event_type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
  );
  const insertInboxMany = preparedStatement(
    `INSERT INTO ${deps.inbox} (consumer_group, event_id, event_type)
     SELECT $1, t.id, t.type FROM unnest($2::uuid[], $3::text[]) AS t(id, type)
     ON CONFLICT DO NOTHING RETURNING event_id`,
  );

  async function handleOne(work: Work): Promise<boolean> {
    try {
      let duplicate = false;
      await dataSource.transaction(async (manager) => {
        const inserted = await runPrepared(runnerOf(manager), insertInboxOne, [
          group,
          work.envelope.id,
          work.envelope.type,
        ]);
        if (inserted.rows.length === 0) {
          duplicate = true;
          return;
        }
        await handleTraced(work, () =>
          work.handler(work.envelope as ConsumedEvent<EventType>, contextFor(work, manager, logger)),
        );
      });
      count(work, duplicate ? 'duplicate' : 'processed', group, metrics);
      hooks?.afterCommit?.([work.delivery.entryId]);
      return true;
    } catch (error) {
      await deps.failed(work, error);
      return false;
    }
  }

  async function handleTogether(chunk: Work[]): Promise<Together> {
    const outcomes: { work: Work; outcome: 'processed' | 'duplicate' }[] = [];
    let culprit: { work: Work; error: unknown } | undefined;
    try {
      await dataSource.transaction(async (manager) => {
        const types = new Map(chunk.map((work) => [work.envelope.id, work.envelope.type]));
        // Sorted, so that concurrent batches lock inbox keys in one order and cannot deadlock.
        const ids = [...types.keys()].sort();
        const inserted = await runPrepared<{ event_id: string }>(runnerOf(manager), insertInboxMany, [
          group,
          ids,
          ids.map((id) => types.get(id)),
        ]);
        const fresh = new Set(inserted.rows.map((row) => row.event_id));
        for (const work of chunk) {
          // A second copy of one event in the same chunk finds its id already taken.
          if (!fresh.delete(work.envelope.id)) {
            outcomes.push({ work, outcome: 'duplicate' });
            continue;
          }
          try {
            await handleTraced(work, () =>
              work.handler(work.envelope as ConsumedEvent<EventType>, contextFor(work, manager, logger)),
            );
          } catch (error) {
            culprit = { work, error };
            throw error;
          }
          outcomes.push({ work, outcome: 'processed' });
        }
      });
    } catch (error) {
      const blamed = culprit && !isTransientDatabaseError(culprit.error) ? culprit : undefined;
      logger.debug(
        { reason: (error as Error)?.message, events: chunk.length, blamed: blamed?.work.envelope.id },
        'group commit rolled back',
      );
      return { ok: false, culprit: blamed };
    }
    for (const { work, outcome } of outcomes) count(work, outcome, group, metrics);
    hooks?.afterCommit?.(chunk.map((work) => work.delivery.entryId));
    return { ok: true };
  }

  return { handleOne, handleTogether };
}
