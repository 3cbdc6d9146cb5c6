import { createHttpApp, startHttpServer } from '@salle/http';
import { createLogger, warningBanner, type Logger } from '@salle/runtime';
import { Clients } from './engine/clients';
import { SimulatedClock } from './engine/clock';
import { Operations } from './engine/operations';
import { controlRoutes } from './control/control.routes';
import { Notifier, type NotificationSettings } from './notify/notifier';
import { pageRoutes } from './pages/pages.routes';
import type { SandboxParts } from './sandbox-parts';
import { soapRoutes } from './soap/soap.routes';

export interface PayfipSandboxOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 3010; 0 picks a free port (tests). */
  port?: number;
  /** numcli → creditor label; empty: every 6-digit numcli is a test régie. */
  clients?: ReadonlyMap<string, string>;
  /** How notifications behave at start (changeable through /_sandbox/notifications). */
  notifications?: Partial<NotificationSettings>;
  /** How long a SEPA debit takes to settle on the simulated clock; default 3 days. */
  debitSettlementMs?: number;
  /** Never-used idOps are forgotten after this on the simulated clock; default 24 hours. */
  purgeAfterMs?: number;
  logger?: Logger;
}

export interface PayfipSandbox {
  url: string;
  parts: SandboxParts;
  close(): Promise<void>;
}

const WARNING_LINES = [
  'PAYFIP SANDBOX: THIS IS NOT PAYFIP (DGFiP).',
  'It imitates the PayFiP Régie web-service and its payment page, keeps',
  'everything in memory and moves no money. Development and tests only:',
  'a production payment service talks to https://www.payfip.gouv.fr.',
];
export const SANDBOX_WARNING = warningBanner(WARNING_LINES);

/** Starts the SOAP endpoint, the payment page and the `/_sandbox` controls. */
export async function startPayfipSandbox(options: PayfipSandboxOptions = {}): Promise<PayfipSandbox> {
  const logger = options.logger ?? createLogger({ service: 'payfip-sandbox', level: 'silent' });
  const clock = new SimulatedClock();
  const debitSettlementMs = options.debitSettlementMs ?? 3 * 86_400_000;
  const operations = new Operations({
    clock,
    debitSettlementMs,
    purgeAfterMs: options.purgeAfterMs ?? 86_400_000,
  });
  const notifier = new Notifier({ mode: 'deliver', delayMs: 0, method: 'POST', ...options.notifications }, logger);
  const parts: SandboxParts = {
    operations,
    clients: new Clients(options.clients ?? new Map()),
    clock,
    notifier,
    faults: { technical: null, delayMs: 0 },
    debitSettlementMs,
    pay(idOp, choice) {
      const operation = operations.choose(idOp, choice);
      if (operation.result) notifier.notify(idOp, operation.request.urlnotif);
      return operation;
    },
    advanceClock(ms) {
      clock.advance(ms);
      const settled = operations.settleDueDebits();
      for (const operation of settled) notifier.notify(operation.idOp, operation.request.urlnotif);
      return settled;
    },
  };

  const app = createHttpApp({
    service: 'payfip-sandbox',
    logger,
    // The SOAP body is XML and the page's forms are urlencoded: both read before the JSON parser.
    rawRoutes: (app) => {
      app.use(soapRoutes(parts));
      app.use(pageRoutes(parts));
    },
    routes: (app) => {
      app.use('/_sandbox', controlRoutes(parts));
    },
  });
  const server = await startHttpServer(app, options.port ?? 3010, options.host ?? '127.0.0.1');
  return {
    url: server.url,
    parts,
    async close() {
      notifier.close();
      await server.close(1_000);
    },
  };
}
