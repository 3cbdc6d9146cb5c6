import type { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { createTokenVerifier } from '@salle/auth';
import { paymentOperations } from '@salle/contracts';
import { operationRoutes } from '@salle/http';
import { createEventConsumer, createOutboxRelay, type EventConsumer, type OutboxRelay } from '@salle/events';
import type { Logger } from '@salle/runtime';
import {
  IntervalWorker,
  pseudonymiseOldAuditEntries,
  retentionReport,
  type BackgroundWorker,
  type ServiceOptions,
} from '@salle/service';
import { paymentAccessPolicy } from './access/access-policy';
import { PayoutAccounts } from './accounts/payout-accounts';
import { CheckoutDesk } from './checkout/checkout-desk';
import { PeriodCheckoutDesk } from './periods/period-checkout-desk';
import { CounterDesk } from './counter/counter-desk';
import { payfipNotificationUrl, stripeConnection, type PaymentConfig } from './config';
import { paymentDatabase } from './database';
import { paymentHandlers } from './payment-api';
import { bookingEventHandlers } from './events/booking-event-handlers';
import { PayoutRecorder } from './ledger/payout-recorder';
import type { PaymentProvider } from './provider/payment-provider';
import { providerErrorHandler } from './provider/provider-errors';
import { createStripeProvider } from './provider/stripe/stripe-provider';
import { EstablishmentProviders } from './provider/establishment-providers';
import { PaymentProviders } from './provider/payment-providers';
import { PayfipClient } from './provider/payfip/payfip-client';
import { PayfipProvider, type PayfipOperation } from './provider/payfip/payfip-provider';
import { PayfipWakeUp } from './settlement/payfip-wake-up';
import { PayfipCatchUp } from './workers/payfip-catch-up';
import { anonymiseOldAccountingRecords, PAYMENT_AUDIT_LOG } from './privacy/retention';
import { queryOne } from '@salle/db';
import { RefundExecutor } from './refunds/refund-executor';
import { ChargeSync } from './settlement/charge-sync';
import { CheckoutSettlement } from './settlement/checkout-settlement';
import { ProviderEventProcessor } from './webhooks/provider-event-processor';
import { ConnectAccountSweep } from './workers/connect-account-sweep';
import { PaymentSweeper } from './workers/payment-sweeper';
import { ProviderTasks } from './workers/provider-tasks';
import { flagMetrics } from './flags/flag-metrics';
import { payerContactOperations, serviceAuditOperations } from '@salle/contracts';
import { payerContactHandlers } from './flags/payer-contact.handlers';
import { auditHandlers } from './audit/audit.handlers';

export interface PaymentServiceOverrides {
  /** Another provider adapter (tests, or a future PayFiP one). */
  provider?: PaymentProvider;
  /** The clock of holds and sweeps. */
  now?: () => Date;
  /** Called with the running parts once the workers are started (tests drive them). */
  onStarted?: (parts: PaymentParts) => void;
}

/** The pieces of a running payment service, for tests and the benchmark. */
export interface PaymentParts {
  provider: PaymentProvider;
  settlement: CheckoutSettlement;
  charges: ChargeSync;
  accounts: PayoutAccounts;
  processor: ProviderEventProcessor;
  tasks: IntervalWorker;
  sweeper: PaymentSweeper;
  sweeperWorker: IntervalWorker;
  providers: PaymentProviders;
  payfipCatchUp: PayfipCatchUp;
  payfipCatchUpWorker: IntervalWorker;
  /** Publishes payment.* events; stopping it holds them back (tests order the services' views). */
  relay: OutboxRelay;
  /** Applies booking.* events; stopping it holds them back. */
  consumer: EventConsumer;
}

export function providerFor(config: PaymentConfig): PaymentProvider {
  const connection = stripeConnection(config);
  return createStripeProvider({
    secretKey: connection.secretKey,
    sandbox: connection.sandbox,
    webhookSecrets: connection.webhookSecrets,
    toleranceSeconds: config.STRIPE_WEBHOOK_TOLERANCE_SECONDS,
    maxNetworkRetries: config.STRIPE_MAX_NETWORK_RETRIES,
    timeoutMs: config.STRIPE_TIMEOUT_MS,
  });
}

/** PayFiP behind the port: its operations are looked up in our payments to compare what it answers. */
function payfipProviderFor(config: PaymentConfig, dataSource: () => DataSource | undefined, now: () => Date) {
  return new PayfipProvider({
    client: new PayfipClient({ baseUrl: config.PAYFIP_URL, timeoutMs: config.PAYFIP_TIMEOUT_MS }),
    baseUrl: config.PAYFIP_URL,
    saisie: config.PAYFIP_SAISIE,
    notificationUrl: payfipNotificationUrl(config),
    now,
    operation: async (idOp) => {
      const source = dataSource();
      if (!source) return null;
      const row = await queryOne<PayfipOperation>(
        source,
        `SELECT id AS "paymentId", booking_id AS "bookingId", amount_cents AS "amountCents",
                destination_account_id AS "numcli", expires_at AS "expiresAt"
           FROM payment.payment WHERE checkout_id = $1 AND provider = 'payfip'`,
        [idOp],
      );
      return row ?? null;
    },
  });
}

/** Everything that makes the payment service, apart from the process around it. */
export function paymentService(
  config: PaymentConfig,
  logger: Logger,
  overrides: PaymentServiceOverrides = {},
): ServiceOptions {
  const verifier = createTokenVerifier({ jwksUrl: config.INTERNAL_JWKS_URL, audience: 'payment' });
  const provider = overrides.provider ?? providerFor(config);
  const now = overrides.now ?? (() => new Date());
  let source: DataSource | undefined;
  const providers = new PaymentProviders(
    provider,
    payfipProviderFor(config, () => source, now),
    new EstablishmentProviders(config.PAYMENT_ESTABLISHMENT_PROVIDERS, config.PAYMENT_DEFAULT_PROVIDER),
  );
  let processor: ProviderEventProcessor | undefined;
  const wake = () => processor?.wake();

  // Built once per DataSource, shared by routes and workers.
  const partsFor = (deps: { dataSource: DataSource }) => {
    source = deps.dataSource;
    const settlement = new CheckoutSettlement(deps.dataSource, provider, logger);
    const charges = new ChargeSync(deps.dataSource, provider, logger);
    const accounts = new PayoutAccounts(deps.dataSource, provider, config.WEB_PUBLIC_URL, logger);
    const checkoutSettings = {
      feeBasisPoints: config.PAYMENT_DEPARTMENT_FEE_BASIS_POINTS,
      holdMinutes: config.PAYMENT_CHECKOUT_HOLD_MINUTES,
      webUrl: config.WEB_PUBLIC_URL,
      now,
    };
    const desk = new CheckoutDesk(deps.dataSource, providers, settlement, checkoutSettings, logger);
    const periodDesk = new PeriodCheckoutDesk(deps.dataSource, desk, checkoutSettings);
    const counterDesk = new CounterDesk(deps.dataSource, now);
    const payfipWakeUp = new PayfipWakeUp(deps.dataSource, providers.payfip, settlement, logger);
    return { settlement, charges, accounts, desk, periodDesk, counterDesk, payfipWakeUp };
  };
  const policy = paymentAccessPolicy(verifier, logger);
  let shared: ReturnType<typeof partsFor> | undefined;
  const parts = (deps: { dataSource: DataSource }) => (shared ??= partsFor(deps));

  // The routes of the operation table, built once: the raw webhook is mounted before JSON parsing, the others after.
  let mounted: ReturnType<typeof operationRoutes> | undefined;
  const routesFor = (deps: { dataSource: DataSource; metricsRegistry?: Registry }) =>
    (mounted ??= operationRoutes(
      paymentOperations,
      paymentHandlers({
        ...deps,
        ...parts(deps),
        provider,
        logger,
        issuer: config.PAYMENT_DEPARTMENT_NAME,
        vatStatement: config.PAYMENT_VAT_STATEMENT,
        onStored: wake,
      }),
      policy,
    ));

  return {
    name: 'payment',
    logger,
    host: config.PAYMENT_HOST,
    port: config.PAYMENT_PORT,
    metrics: { host: config.PAYMENT_METRICS_HOST, port: config.PAYMENT_METRICS_PORT },
    databaseUrl: config.DATABASE_URL,
    redisUrl: config.REDIS_URL,
    redisSentinels: config.REDIS_SENTINELS,
    redisSentinelName: config.REDIS_SENTINEL_NAME,
    database: paymentDatabase,
    rawRoutes: (app, deps) => {
      routesFor(deps).rawRoutes(app);
    },
    routes: (app, deps) => {
      routesFor(deps).routes(app);
      operationRoutes(serviceAuditOperations, auditHandlers(deps.dataSource), policy).routes(app);
      operationRoutes(payerContactOperations, payerContactHandlers(deps.dataSource), policy).routes(app);
      app.use(providerErrorHandler);
    },
    workers: async (deps) => {
      const { settlement, charges, accounts, desk } = parts(deps);
      const { dataSource, redis, metricsRegistry } = deps;
      flagMetrics(metricsRegistry, dataSource);
      processor = new ProviderEventProcessor({
        dataSource,
        provider,
        settlement,
        charges,
        accounts,
        payouts: new PayoutRecorder(dataSource, provider, logger),
        logger,
        pollMs: config.PAYMENT_WEBHOOK_POLL_MS,
      });
      const refunds = new RefundExecutor(dataSource, providers, charges, logger);
      const providerTasks = new ProviderTasks(dataSource, providers, settlement, desk, refunds, logger);
      const tasks = new IntervalWorker(
        'provider-tasks',
        config.PAYMENT_TASK_INTERVAL_MS,
        () => providerTasks.run(),
        logger,
      );
      const connectSweep = new ConnectAccountSweep(dataSource, provider, accounts, wake, { now }, logger);
      const sweeper = new PaymentSweeper(dataSource, provider, settlement, connectSweep, wake, { now }, logger);
      const sweeperWorker = new IntervalWorker(
        'payment-sweeper',
        config.PAYMENT_SWEEP_INTERVAL_MS,
        () => sweeper.run(),
        logger,
      );
      const payfipCatchUp = new PayfipCatchUp(
        dataSource,
        providers.payfip,
        settlement,
        { everyMs: config.PAYFIP_CATCH_UP_INTERVAL_MS },
        logger,
      );
      const payfipCatchUpWorker = new IntervalWorker(
        'payfip-catch-up',
        Math.max(1_000, Math.round(config.PAYFIP_CATCH_UP_INTERVAL_MS / 4)),
        () => payfipCatchUp.run(),
        logger,
      );
      const relay = createOutboxRelay({
        dataSource,
        redis,
        keyPrefix: config.EVENTS_KEY_PREFIX,
        stream: 'payment',
        consumerGroups: ['booking', 'notification'],
        logger,
        metricsRegistry,
      });
      const consumer = createEventConsumer({
        group: 'payment',
        dataSource,
        redis,
        keyPrefix: config.EVENTS_KEY_PREFIX,
        handlers: bookingEventHandlers(),
        logger,
        metricsRegistry,
      });
      await Promise.all([relay.start(), consumer.start()]);
      const retention = retentionReport(logger, metricsRegistry);
      const years = config.PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS;
      const retentionWorker = new IntervalWorker(
        'privacy-retention',
        config.PAYMENT_RETENTION_INTERVAL_MS,
        async () => {
          await anonymiseOldAccountingRecords(dataSource, years, retention, now());
          await pseudonymiseOldAuditEntries(dataSource, PAYMENT_AUDIT_LOG, config, retention, now());
        },
        logger,
      );
      const workers: BackgroundWorker[] = [
        retentionWorker.start(),
        processor.start(),
        tasks.start(),
        sweeperWorker.start(),
        payfipCatchUpWorker.start(),
        relay,
        consumer,
      ];
      overrides.onStarted?.({
        provider,
        settlement,
        charges,
        accounts,
        processor,
        tasks,
        sweeper,
        sweeperWorker,
        providers,
        payfipCatchUp,
        payfipCatchUpWorker,
        relay,
        consumer,
      });
      return workers;
    },
  };
}
