import { fieldsToRecord } from '../event-envelope';
import { deadLetterFields } from './dead-letterer';

describe('dead-letter entry', () => {
  it('says where the message came from, why it died, and keeps all its fields', () => {
    const original = { id: 'e1', type: 'payment.expired', version: '1', aggregate: 'a1', payload: '{}' };
    const fields = deadLetterFields({ stream: 'payment', entryId: '5-1', fields: [], attempt: 3 }, original, {
      group: 'booking',
      consumerName: 'host-1',
      reason: 'boom',
      deadAt: new Date('2026-12-06T09:00:00Z'),
    });
    expect(fieldsToRecord(fields)).toEqual({
      group: 'booking',
      stream: 'payment',
      entry_id: '5-1',
      event_id: 'e1',
      type: 'payment.expired',
      version: '1',
      reason: 'boom',
      attempts: '3',
      dead_at: '2026-12-06T09:00:00.000Z',
      consumer: 'host-1',
      fields: JSON.stringify(original),
    });
  });
});
