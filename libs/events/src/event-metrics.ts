import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * The event metrics of one service. Several relays or consumers may share a
 * registry (one process, several streams): each metric is registered once
 * and reused.
 */
function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: L[]): Counter<L> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter({ name, help, labelNames, registers: [registry] });
}

function gauge<L extends string>(registry: Registry, name: string, help: string, labelNames: L[]): Gauge<L> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Gauge<L>;
  return new Gauge({ name, help, labelNames, registers: [registry] });
}

function histogram<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: L[],
  buckets: number[],
): Histogram<L> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Histogram<L>;
  return new Histogram({ name, help, labelNames, buckets, registers: [registry] });
}

export function relayMetrics(registry: Registry) {
  return {
    published: counter(registry, 'events_published_total', 'Events written to their stream by the outbox relay.', [
      'stream',
      'type',
    ]),
    backlog: gauge(registry, 'events_outbox_backlog', 'Outbox rows not yet written to the stream.', ['stream']),
    unconfirmed: gauge(
      registry,
      'events_outbox_unconfirmed',
      'Outbox rows written to the stream but not yet acknowledged by every consumer group.',
      ['stream'],
    ),
  };
}

export function consumerMetrics(registry: Registry) {
  return {
    consumed: counter(
      registry,
      'events_consumed_total',
      'Events a consumer group is done with: processed (handler committed), duplicate (already in the inbox) or ignored (no handler).',
      ['stream', 'group', 'type', 'outcome'],
    ),
    retried: counter(registry, 'events_retried_total', 'Handler failures that will be retried.', [
      'stream',
      'group',
      'type',
    ]),
    deadLettered: counter(
      registry,
      'events_dead_lettered_total',
      'Events moved to the dead-letter stream of a consumer group.',
      ['stream', 'group', 'type', 'reason'],
    ),
    delivery: histogram(
      registry,
      'events_delivery_seconds',
      'From the state change (occurred_at) to the commit of its handling by the consumer group.',
      ['stream', 'group'],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    ),
    lag: gauge(registry, 'events_consumer_lag', 'Stream entries not yet delivered to the consumer group.', [
      'stream',
      'group',
    ]),
    pending: gauge(
      registry,
      'events_consumer_pending',
      'Stream entries delivered to the consumer group but not yet acknowledged.',
      ['stream', 'group'],
    ),
  };
}
