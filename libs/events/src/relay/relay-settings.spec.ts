import type { DataSource } from 'typeorm';
import type { Redis } from '@salle/redis';
import type { Logger } from '@salle/runtime';
import { relaySettings } from './relay-settings';
import type { OutboxRelayOptions } from './relay-types';

// Resolving settings touches neither PostgreSQL nor Redis: the schema is given, so the DataSource is never read.
const base: OutboxRelayOptions = {
  dataSource: {} as DataSource,
  schema: 'booking',
  redis: {} as Redis,
  logger: {} as Logger,
  stream: 'booking',
  consumerGroups: ['payment'],
};

describe('relay settings', () => {
  it('applies the defaults and names the keys and the table', () => {
    expect(relaySettings(base)).toMatchObject({
      outbox: '"booking"."event_outbox"',
      key: 'salle:events:stream:booking',
      markerKey: 'salle:events:stream:booking:epoch',
      groups: ['payment'],
      batchSize: 200,
      listen: false,
      pollIntervalMs: 20,
      gatherMs: 5,
      confirmIntervalMs: 1_000,
      leaseRetryMs: 1_000,
      retentionMs: 7 * 24 * 3600_000,
    });
  });

  it('polls slowly when it listens, and never gathers longer than it polls', () => {
    expect(relaySettings({ ...base, listen: true })).toMatchObject({ pollIntervalMs: 500, gatherMs: 5 });
    expect(relaySettings({ ...base, pollIntervalMs: 2, gatherMs: 10 }).gatherMs).toBe(2);
  });

  it('refuses bad names', () => {
    expect(() => relaySettings({ ...base, stream: 'Booking' })).toThrow('invalid stream name');
    expect(() => relaySettings({ ...base, consumerGroups: ['pay ment'] })).toThrow('invalid consumer group name');
  });
});
