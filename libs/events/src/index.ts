export { createOutbox, InvalidEventError, type NewEvent, type Outbox, type OutboxOptions } from './outbox';
export {
  createOutboxRelay,
  outboxGaugesSql,
  type OutboxRelay,
  type OutboxRelayOptions,
  type RelayHooks,
} from './outbox-relay';
export {
  createEventConsumer,
  type ConsumerHooks,
  type EventConsumer,
  type EventConsumerOptions,
  type EventHandler,
  type EventHandlers,
  type HandlerContext,
} from './event-consumer';
export {
  createEventTablesMigration,
  createOutboxTraceparentMigration,
  eventTables,
  eventTablesMigrations,
  EVENT_TABLES_MIGRATION_NAME,
  OUTBOX_TRACEPARENT_MIGRATION_NAME,
} from './event-tables';
export { deleteDeliveredEventsNaming } from './outbox-erasure';
export {
  deleteDeadLetters,
  listDeadLetters,
  replayDeadLetter,
  DeadLetterNotFoundError,
  type DeadLetter,
  type DeadLetterOptions,
} from './dead-letters';
export { encodeEnvelope, type ConsumedEvent, type EventEnvelope } from './event-envelope';
export { DEFAULT_EVENTS_KEY_PREFIX, deadLetterKey, epochKey, streamKey } from './event-keys';
export { isTransientDatabaseError } from './transient-errors';
export {
  checkEventSecretConfig,
  DEVELOPMENT_EVENT_SECRET_KEY,
  eventSecrets,
  eventSecretsOf,
  eventSecretVariables,
  type EventSecrets,
} from './event-secrets';
