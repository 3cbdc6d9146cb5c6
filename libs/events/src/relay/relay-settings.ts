import { schemaOf } from '../data-source-schema';
import { checkName, DEFAULT_EVENTS_KEY_PREFIX, epochKey, streamKey } from '../event-keys';
import { eventTables } from '../event-tables';
import { outboxChannel } from '../outbox';
import type { OutboxRelayOptions } from './relay-types';

/** The relay's options with every default applied, checked, and the names derived from them. */
export interface RelaySettings {
  stream: string;
  groups: string[];
  schema: string;
  /** The qualified outbox table. */
  outbox: string;
  key: string;
  markerKey: string;
  batchSize: number;
  listen: boolean;
  pollIntervalMs: number;
  gatherMs: number;
  confirmIntervalMs: number;
  leaseRetryMs: number;
  retentionMs: number;
  channel: string;
}

export function relaySettings(options: OutboxRelayOptions): RelaySettings {
  const stream = checkName('stream', options.stream);
  const groups = options.consumerGroups.map((group) => checkName('consumer group', group));
  const schema = options.schema ?? schemaOf(options.dataSource);
  const prefix = options.keyPrefix ?? DEFAULT_EVENTS_KEY_PREFIX;
  const listen = options.listen ?? false;
  const pollIntervalMs = options.pollIntervalMs ?? (listen ? 500 : 20);
  return {
    stream,
    groups,
    schema,
    outbox: eventTables(schema).outbox,
    key: streamKey(prefix, stream),
    markerKey: epochKey(prefix, stream),
    batchSize: options.batchSize ?? 200,
    listen,
    pollIntervalMs,
    gatherMs: Math.min(options.gatherMs ?? 5, pollIntervalMs),
    confirmIntervalMs: options.confirmIntervalMs ?? 1_000,
    leaseRetryMs: options.leaseRetryMs ?? 1_000,
    retentionMs: options.outboxRetentionMs ?? 7 * 24 * 3600_000,
    channel: outboxChannel(schema),
  };
}
