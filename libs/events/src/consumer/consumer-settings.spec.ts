import type { DataSource } from 'typeorm';
import type { Logger } from '@salle/runtime';
import type { Redis } from '@salle/redis';
import { consumerSettings } from './consumer-settings';
import type { EventConsumerOptions } from './consumer-types';

// Resolving settings touches neither PostgreSQL nor Redis: the schema is given, so the DataSource is never read.
const base: EventConsumerOptions = {
  group: 'booking',
  schema: 'booking',
  dataSource: {} as DataSource,
  redis: {} as Redis,
  logger: {} as Logger,
  handlers: { 'payment.succeeded': async () => undefined, 'booking.cancelled': async () => undefined },
};

describe('consumer settings', () => {
  it('reads the producers of the handled types and applies the defaults', () => {
    const settings = consumerSettings(base);
    expect(settings.streams.sort()).toEqual(['booking', 'payment']);
    expect(settings.keys.sort()).toEqual(['salle:events:stream:booking', 'salle:events:stream:payment']);
    expect(settings.streamOfKey.get('salle:events:stream:payment')).toBe('payment');
    expect(settings.deadKey).toBe('salle:events:dead-letter:booking');
    expect(settings).toMatchObject({
      maxAttempts: 5,
      claimIdleMs: 30_000,
      claimIntervalMs: 5_000,
      retryInitialMs: 200,
      retryMaxMs: 10_000,
    });
    expect(settings).toMatchObject({
      blockMs: 1_000,
      batchSize: 50,
      concurrency: 4,
      groupCommit: true,
      eventsPerTransaction: 16,
    });
  });

  it('keeps the retry backoff under the claim idle time', () => {
    const settings = consumerSettings({ ...base, claimIdleMs: 1_000, retryDelayMs: { initial: 100, max: 5_000 } });
    expect(settings.retryMaxMs).toBe(800);
    expect(settings.claimIntervalMs).toBe(500);
    expect(consumerSettings({ ...base, claimIdleMs: 100 }).claimIntervalMs).toBe(100);
  });

  it('refuses a consumer with nothing to read, or a bad name', () => {
    expect(() => consumerSettings({ ...base, handlers: {} })).toThrow(
      'consumer booking: no stream to read (no handler given)',
    );
    expect(() => consumerSettings({ ...base, group: 'Booking!' })).toThrow('invalid consumer group name');
    expect(() => consumerSettings({ ...base, schema: undefined, dataSource: { options: {} } as DataSource })).toThrow(
      'the DataSource has no schema',
    );
  });
});
