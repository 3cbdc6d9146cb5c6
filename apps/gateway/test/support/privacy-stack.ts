import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, uniqueKeyPrefix, type TestDatabase, Browser } from '@salle/testing';
import { reserveGatewayUrl, startGateway, type TestGateway } from './gateway-harness';
import { startSandboxProcess, type SandboxProcess } from './identity-sandbox-process';
import { login, type Provider } from './login-flow';
import { startPrivacyService, type ServiceProcess } from './privacy-services';

/** A gateway with the real booking, notification and payment services behind it, sharing one database and event streams. */
export interface PrivacyStack {
  database: TestDatabase;
  sandbox: SandboxProcess;
  gateway: TestGateway;
  booking: ServiceProcess;
  notification: ServiceProcess;
  payment: ServiceProcess;
  /** The folder of the local object store booking keeps its documents in (conventions, certificates, photos). */
  storageDir: string;
  /** The event streams' prefix the four share (the services' dead letters and streams live under it). */
  eventsKeyPrefix: string;
  /** A browser signed in through the identity sandbox as `identity`. */
  loggedIn(provider: Provider, identity: string): Promise<Browser>;
  stop(): Promise<void>;
}

/**
 * The stack the privacy specs (export, erasure) run against: a fresh database, the identity sandbox (a child
 * process), the booking, notification and payment services (child processes) and a gateway in this process. `label`
 * names the database and the event streams.
 */
export async function startPrivacyStack(
  label: string,
  /** Gateway configuration a spec adds (a retention job's interval...). */
  gatewayEnv: Record<string, string> = {},
): Promise<PrivacyStack> {
  const eventsKeyPrefix = uniqueKeyPrefix(label.replaceAll('_', '-'));
  const url = await reserveGatewayUrl();
  // Stopped in reverse order, also when a later part fails to start (nothing is left running).
  const started: { stop(): Promise<void> }[] = [];
  const stop = async () => {
    for (const part of started.reverse()) await part.stop();
  };
  try {
    const database = await createTestDatabase(label);
    started.push({ stop: () => database.drop() });
    const sandbox = await startSandboxProcess([url]);
    started.push(sandbox);
    const options = { databaseUrl: database.url, gatewayUrl: url, eventsKeyPrefix };
    const storageDir = await mkdtemp(path.join(tmpdir(), `${label}-store-`));
    started.push({ stop: () => rm(storageDir, { recursive: true, force: true }) });
    const booking = await startPrivacyService('booking', { ...options, env: { STORAGE_LOCAL_DIR: storageDir } });
    started.push(booking);
    const notification = await startPrivacyService('notification', options);
    started.push(notification);
    const payment = await startPrivacyService('payment', options);
    started.push(payment);
    const gateway = await startGateway(url, database.url, sandbox, {
      BOOKING_URL: booking.url,
      NOTIFICATION_URL: notification.url,
      PAYMENT_URL: payment.url,
      EVENTS_KEY_PREFIX: eventsKeyPrefix,
      ...gatewayEnv,
    });
    started.push(gateway);
    return {
      database,
      sandbox,
      gateway,
      booking,
      notification,
      payment,
      storageDir,
      eventsKeyPrefix,
      async loggedIn(provider, identity) {
        const browser = new Browser();
        const run = await login(browser, gateway, sandbox, provider, identity);
        if (run.response.status !== 303)
          throw new Error(`login failed: ${run.response.status} ${run.body.slice(0, 300)}`);
        return browser;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
