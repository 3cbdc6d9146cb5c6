import { randomUUID } from 'node:crypto';
import { encodeEnvelope, FIELD } from '../event-envelope';
import type { Delivery, EventHandlers } from './consumer-types';
import { ACKNOWLEDGE, sortDelivery } from './delivery-sorter';

const handlers: EventHandlers = { 'payment.expired': async () => undefined };
const rules = { group: 'booking', handlers, maxAttempts: 5, metrics: undefined };

function delivery(
  overrides: { type?: string; version?: number; payload?: unknown; attempt?: number; extra?: string[] } = {},
): Delivery {
  const fields = encodeEnvelope({
    id: randomUUID(),
    type: overrides.type ?? 'payment.expired',
    version: overrides.version ?? 1,
    aggregateId: 'agg-1',
    occurredAt: new Date().toISOString(),
    requestId: null,
    payload: overrides.payload ?? { paymentId: randomUUID(), bookingId: randomUUID(), establishmentId: randomUUID() },
  });
  return {
    stream: 'payment',
    entryId: '1-0',
    fields: [...fields, ...(overrides.extra ?? [])],
    attempt: overrides.attempt ?? 1,
  };
}

describe('sorting a delivery', () => {
  it('makes work of a valid event with a handler, its payload parsed', () => {
    const sorted = sortDelivery(delivery(), rules);
    expect(sorted).toMatchObject({
      envelope: { type: 'payment.expired', version: 1, aggregateId: 'agg-1' },
      handler: handlers['payment.expired'],
    });
  });

  it('acknowledges types without a handler and replays meant for another group', () => {
    expect(sortDelivery(delivery({ type: 'payment.refunded' }), rules)).toBe(ACKNOWLEDGE);
    expect(sortDelivery(delivery({ extra: [FIELD.replayFor, 'payment'] }), rules)).toBe(ACKNOWLEDGE);
    expect(sortDelivery(delivery({ extra: [FIELD.replayFor, 'booking'] }), rules)).toHaveProperty('handler');
  });

  it('rejects malformed envelopes and payloads, unknown versions and exhausted deliveries', () => {
    const broken = { ...delivery(), fields: [FIELD.id, 'not-a-uuid'] };
    expect(sortDelivery(broken, rules)).toMatchObject({
      label: 'malformed',
      reason: expect.stringContaining('malformed envelope'),
    });
    expect(sortDelivery(delivery({ payload: { paymentId: 'x' } }), rules)).toMatchObject({
      label: 'malformed',
      reason: expect.stringMatching(/^malformed payload: payment.expired v1: paymentId: /),
    });
    expect(sortDelivery(delivery({ version: 9 }), rules)).toMatchObject({
      label: 'unknown_version',
      reason: expect.stringContaining('v9'),
    });
    expect(sortDelivery(delivery({ attempt: 6 }), rules)).toMatchObject({
      label: 'handler_failed',
      reason: 'not acknowledged after 5 deliveries',
    });
    expect(sortDelivery(delivery({ attempt: 5 }), rules)).toHaveProperty('handler');
  });
});
