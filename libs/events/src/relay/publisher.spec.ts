import { encodeEnvelope, fieldsToRecord, readEnvelope } from '../event-envelope';
import { envelopeOfRow } from './publisher';

describe('outbox row to stream entry', () => {
  it('carries every column a consumer reads back', () => {
    const row = {
      position: '42',
      id: '0b7c3c8e-5d8e-4b8a-9a39-1f1f0e6f2a10',
      type: 'payment.expired',
      version: 1,
      aggregate_id: 'agg-1',
      payload: { paymentId: 'p' },
      request_id: null,
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      occurred_at: new Date('2026-12-06T09:05:00.123Z'),
    };
    const reading = readEnvelope(fieldsToRecord(encodeEnvelope(envelopeOfRow(row))));
    expect(reading).toEqual({
      ok: true,
      envelope: {
        id: row.id,
        type: 'payment.expired',
        version: 1,
        aggregateId: 'agg-1',
        occurredAt: '2026-12-06T09:05:00.123Z',
        requestId: null,
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        payload: { paymentId: 'p' },
      },
    });
  });
});
