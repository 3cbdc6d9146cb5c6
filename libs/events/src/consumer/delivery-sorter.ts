import { eventPayloadSchema, isEventType, type EventType } from '@salle/contracts';
import { FIELD, fieldsToRecord, readEnvelope, type EventEnvelope } from '../event-envelope';
import type { ConsumerMetrics, Delivery, EventHandler, EventHandlers, Rejection, Work } from './consumer-types';

/** What to do with a delivery that needs no handler: acknowledge it (another group's replay, or a type not handled). */
export const ACKNOWLEDGE = 'acknowledge';

export type Sorted = Work | Rejection | typeof ACKNOWLEDGE;

export interface SorterRules {
  group: string;
  handlers: EventHandlers;
  maxAttempts: number;
  metrics: ConsumerMetrics | undefined;
}

/**
 * Sorts a delivery into work for a handler (envelope and payload parsed),
 * a dead letter (malformed, unknown version, delivered too often), or a
 * plain acknowledgement.
 */
export function sortDelivery(delivery: Delivery, rules: SorterRules): Sorted {
  const record = fieldsToRecord(delivery.fields);
  const replayFor = record[FIELD.replayFor];
  if (replayFor && replayFor !== rules.group) return ACKNOWLEDGE;
  const reading = readEnvelope(record);
  if (!reading.ok) return { delivery, reason: reading.reason, label: 'malformed' };
  const envelope = reading.envelope;
  const handler = isEventType(envelope.type) ? rules.handlers[envelope.type] : undefined;
  if (!handler) {
    rules.metrics?.consumed.inc({
      stream: delivery.stream,
      group: rules.group,
      type: envelope.type,
      outcome: 'ignored',
    });
    return ACKNOWLEDGE;
  }
  const schema = eventPayloadSchema(envelope.type, envelope.version);
  if (!schema) {
    return {
      delivery,
      reason: `unknown version: ${envelope.type} v${envelope.version} is not known to this consumer`,
      label: 'unknown_version',
    };
  }
  const parsed = schema.safeParse(envelope.payload);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    return {
      delivery,
      reason: `malformed payload: ${envelope.type} v${envelope.version}: ${issues}`,
      label: 'malformed',
    };
  }
  if (delivery.attempt > rules.maxAttempts) {
    // Delivered again and again without an outcome: its consumers crashed or timed out on it.
    return { delivery, reason: `not acknowledged after ${delivery.attempt - 1} deliveries`, label: 'handler_failed' };
  }
  return {
    delivery,
    envelope: { ...envelope, payload: parsed.data } as EventEnvelope<EventType>,
    handler: handler as EventHandler<EventType>,
  };
}
