import express, { Router } from 'express';
import { createHttpApp, notFound, startHttpServer } from '@salle/http';
import { createLogger, warningBanner, type Logger } from '@salle/runtime';
import { inboxPage, messagePage } from './inbox-pages';
import { Mailbox } from './mailbox';
import { startSmtpListener, type SmtpFaults } from './smtp-listener';

export interface MailSandboxOptions {
  /** Default 127.0.0.1, for both listeners. */
  host?: string;
  /** The SMTP port; default 1025, 0 picks a free one (tests). */
  smtpPort?: number;
  /** The web inbox and JSON API; default 3006, 0 picks a free one. */
  port?: number;
  /** Messages kept in memory, the oldest dropped first. */
  capacity?: number;
  logger?: Logger;
}

export interface MailSandbox {
  /** The web inbox and its JSON API under /api. */
  url: string;
  /** Where services send: smtp://host:port. */
  smtpUrl: string;
  mailbox: Mailbox;
  faults: SmtpFaults;
  close(): Promise<void>;
}

const WARNING_LINES = [
  'MAIL SANDBOX: NOTHING IS DELIVERED.',
  'Every message sent to this SMTP server is kept in memory and shown',
  'in its web inbox. Development and tests only: a real deployment',
  'sets SMTP_URL to its own relay.',
];
export const SANDBOX_WARNING = warningBanner(WARNING_LINES);

function apiRoutes(mailbox: Mailbox, faults: SmtpFaults): Router {
  const router = Router();
  router.get('/messages', async (req, res) => {
    const to = typeof req.query['to'] === 'string' ? req.query['to'] : undefined;
    res.json({ items: await mailbox.list({ to }) });
  });
  // Registered before /messages/:id. Benchmarks count without downloading thousands of messages.
  router.get('/messages/count', (_req, res) => {
    res.json({ count: mailbox.size, distinctMessageIds: mailbox.distinctMessageIds() });
  });
  router.get('/messages/:id', async (req, res) => {
    const message = await mailbox.get(req.params['id'] ?? '');
    if (!message) throw notFound('Ce courriel du bac à sable');
    res.json(message);
  });
  router.delete('/messages', (_req, res) => {
    mailbox.clear();
    res.status(204).end();
  });
  // Tests make the SMTP side refuse messages: { "rejectWith": 451 } (temporary) or 550 (permanent), null to accept again.
  router.put('/faults', express.json(), (req, res) => {
    const code: unknown = (req.body as { rejectWith?: unknown } | undefined)?.rejectWith;
    faults.rejectWith = typeof code === 'number' && code >= 400 && code < 600 ? code : null;
    res.json(faults);
  });
  return router;
}

function pageRoutes(mailbox: Mailbox): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.type('html').send(inboxPage(await mailbox.list()));
  });
  router.get('/messages/:id', async (req, res) => {
    const message = await mailbox.get(req.params['id'] ?? '');
    if (!message) throw notFound('Ce courriel du bac à sable');
    res.type('html').send(messagePage(message));
  });
  router.post('/messages/delete', (_req, res) => {
    mailbox.clear();
    res.redirect(303, '/');
  });
  return router;
}

/** Starts the SMTP listener and the web inbox beside it. */
export async function startMailSandbox(options: MailSandboxOptions = {}): Promise<MailSandbox> {
  const logger = options.logger ?? createLogger({ service: 'mail-sandbox', level: 'silent' });
  const host = options.host ?? '127.0.0.1';
  const mailbox = new Mailbox(options.capacity ?? 20_000);
  const faults: SmtpFaults = { rejectWith: null };
  const smtp = await startSmtpListener({ host, port: options.smtpPort ?? 1025, mailbox, faults, logger });
  const app = createHttpApp({
    service: 'mail-sandbox',
    logger,
    routes: (app) => {
      app.use('/api', apiRoutes(mailbox, faults));
      app.use(pageRoutes(mailbox));
    },
  });
  let server;
  try {
    server = await startHttpServer(app, options.port ?? 3006, host);
  } catch (error) {
    await smtp.close();
    throw error;
  }
  const running = server;
  return {
    url: running.url,
    smtpUrl: `smtp://${host}:${smtp.port}`,
    mailbox,
    faults,
    async close() {
      await Promise.all([running.close(1_000), smtp.close()]);
    },
  };
}
