import type { EventPayload, EventType, EventVersion } from '@salle/contracts';

/** An event as it travels: the envelope is the same for every type; the payload depends on (type, version). */
export interface EventEnvelope<T extends string = string, P = unknown> {
  /** uuid, unique across services: consumers deduplicate on it. */
  id: string;
  type: T;
  version: number;
  /** The entity whose state changed (a booking id, a payment id...): events of one aggregate keep their order. */
  aggregateId: string;
  /** ISO instant of the state change. */
  occurredAt: string;
  /** The request that caused it, carried for tracing across services. */
  requestId: string | null;
  /** The W3C trace context of the transaction that wrote the event (null without tracing): the consumer continues it. */
  traceparent?: string | null;
  payload: P;
}

/** What a consumer handler receives: the payload is typed by the version it was written with. */
export type ConsumedEvent<T extends EventType> = {
  [V in EventVersion<T>]: EventEnvelope<T, EventPayload<T, V>> & { version: V };
}[EventVersion<T>];

/** Field names of a stream entry. */
export const FIELD = {
  id: 'id',
  type: 'type',
  version: 'version',
  aggregateId: 'aggregate',
  occurredAt: 'occurred_at',
  requestId: 'request_id',
  payload: 'payload',
  traceparent: 'traceparent',
  /** Set on a dead letter replayed for one consumer group: the other groups skip it. */
  replayFor: 'replay_for',
} as const;

export const ENVELOPE_FIELD_COUNT = 8;

/** The flat `field value ...` list of an XADD. Keep in step with ENVELOPE_FIELD_COUNT. */
export function encodeEnvelope(event: EventEnvelope): string[] {
  return [
    FIELD.id,
    event.id,
    FIELD.type,
    event.type,
    FIELD.version,
    String(event.version),
    FIELD.aggregateId,
    event.aggregateId,
    FIELD.occurredAt,
    event.occurredAt,
    FIELD.requestId,
    event.requestId ?? '',
    FIELD.traceparent,
    event.traceparent ?? '',
    // Last, as it always was: tools and tests find it at the end.
    FIELD.payload,
    JSON.stringify(event.payload),
  ];
}

export function fieldsToRecord(fields: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) record[fields[i]] = fields[i + 1];
  return record;
}

export function recordToFields(record: Record<string, string>): string[] {
  return Object.entries(record).flat();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type EnvelopeReading = { ok: true; envelope: EventEnvelope } | { ok: false; reason: string };

/** Reads the envelope of a stream entry; the payload is parsed JSON, not yet validated. */
export function readEnvelope(record: Record<string, string>): EnvelopeReading {
  const id = record[FIELD.id]?.toLowerCase();
  if (!id || !UUID.test(id))
    return { ok: false, reason: `malformed envelope: event id ${JSON.stringify(id ?? null)} is not a uuid` };
  const type = record[FIELD.type];
  if (!type) return { ok: false, reason: 'malformed envelope: no event type' };
  const version = Number(record[FIELD.version]);
  if (!Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      reason: `malformed envelope: version ${JSON.stringify(record[FIELD.version] ?? null)} is not a positive integer`,
    };
  }
  const aggregateId = record[FIELD.aggregateId];
  if (!aggregateId) return { ok: false, reason: 'malformed envelope: no aggregate id' };
  const occurredAt = record[FIELD.occurredAt];
  if (!occurredAt || Number.isNaN(Date.parse(occurredAt)))
    return { ok: false, reason: 'malformed envelope: occurred_at is not a date' };
  let payload: unknown;
  try {
    payload = JSON.parse(record[FIELD.payload] ?? '');
  } catch {
    return { ok: false, reason: 'malformed payload: not JSON' };
  }
  return {
    ok: true,
    envelope: {
      id,
      type,
      version,
      aggregateId,
      occurredAt,
      requestId: record[FIELD.requestId] || null,
      traceparent: record[FIELD.traceparent] || null,
      payload,
    },
  };
}
