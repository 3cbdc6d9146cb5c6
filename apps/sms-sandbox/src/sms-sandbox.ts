import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { createHttpApp, startHttpServer } from '@salle/http';
import { createLogger, warningBanner, type Logger } from '@salle/runtime';
import { SANDBOX_CREDENTIALS } from './config';
import { reportDeliveries, type DeliveryReportSettings } from './delivery-reports';
import { inboxPage } from './inbox-page';
import { checkOvhSignature, type OvhCredentials } from './ovh-signature';
import { SmsInbox } from './sms-inbox';

export interface SmsSandboxOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 3007; 0 picks a free one (tests). */
  port?: number;
  credentials?: OvhCredentials;
  serviceName?: string;
  /** SMS kept in memory, the oldest dropped first. */
  capacity?: number;
  /** The delivery-report callback URL, as configured on an OVHcloud SMS account; none: no reports. */
  callbackUrl?: string | null;
  /** How long after a job its delivery reports are called (default 200 ms). */
  reportDelayMs?: number;
  logger?: Logger;
}

/** What the API answers while a test asks it to misbehave. */
export interface SmsFaults {
  /** Answer every job with this HTTP status (e.g. 503 unavailable, 429 too many requests, 400 refused); null accepts. */
  rejectWith: number | null;
}

export interface SmsSandbox {
  /** The web inbox and its JSON API under /api. */
  url: string;
  /** What the notification service calls: OVH_SMS_ENDPOINT, as https://eu.api.ovh.com/1.0 for the real one. */
  apiUrl: string;
  inbox: SmsInbox;
  faults: SmsFaults;
  reports: DeliveryReportSettings;
  close(): Promise<void>;
}

const WARNING_LINES = [
  'SMS SANDBOX: NOTHING IS SENT.',
  'It stands in for OVHcloud’s SMS API: every SMS sent to it is kept in',
  'memory and shown in its web inbox. Development and tests only: a real',
  'deployment sets OVH_SMS_ENDPOINT and its OVH keys.',
];
export const SANDBOX_WARNING = warningBanner(WARNING_LINES);

const HTTP_REASONS: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** OVHcloud's error body: { errorCode, httpCode, message }. */
function ovhError(res: Response, status: number, errorCode: string, message: string): void {
  res.status(status).json({ errorCode, httpCode: `${status} ${HTTP_REASONS[status] ?? 'Error'}`, message });
}

/** The fields of `POST /sms/{serviceName}/jobs` the sandbox reads; others OVHcloud takes are accepted and ignored. */
const jobSchema = z.looseObject({
  message: z.string().min(1),
  receivers: z.array(z.string()).min(1),
  sender: z.string().max(11).optional(),
  senderForResponse: z.boolean().optional(),
  noStopClause: z.boolean().optional(),
  tag: z.string().max(20).optional(),
  validityPeriod: z.number().int().positive().optional(),
  priority: z.enum(['high', 'low', 'medium', 'veryLow']).optional(),
  coding: z.enum(['7bit', '8bit']).optional(),
});

/** International numbers, as OVHcloud takes them; others come back in invalidReceivers. */
const RECEIVER = /^\+[1-9]\d{7,14}$/;

/** What the fake API needs besides its account: where it keeps SMS and how it reports them. */
interface ApiState {
  inbox: SmsInbox;
  faults: SmsFaults;
  reports: DeliveryReportSettings;
  reportDelayMs: number;
  logger: Logger;
}

function ovhApi(options: Required<Pick<SmsSandboxOptions, 'credentials' | 'serviceName'>>, state: ApiState) {
  const { inbox, faults } = state;
  const router = Router();
  // Signed over the body as sent: read as text, parsed after the check.
  router.use(express.text({ type: () => true, limit: '256kb' }));
  router.get('/auth/time', (_req, res) => {
    res.json(Math.floor(Date.now() / 1000));
  });
  router.post('/sms/:serviceName/jobs', (req: Request, res: Response) => {
    const body = typeof req.body === 'string' ? req.body : '';
    const refusal = checkOvhSignature(
      {
        method: req.method,
        url: `${req.protocol}://${req.get('host') ?? ''}${req.originalUrl}`,
        body,
        headers: {
          'x-ovh-application': req.get('x-ovh-application'),
          'x-ovh-consumer': req.get('x-ovh-consumer'),
          'x-ovh-timestamp': req.get('x-ovh-timestamp'),
          'x-ovh-signature': req.get('x-ovh-signature'),
        },
      },
      options.credentials,
      Math.floor(Date.now() / 1000),
    );
    if (refusal) return ovhError(res, refusal.status, refusal.errorCode, refusal.message);
    if (req.params['serviceName'] !== options.serviceName)
      return ovhError(
        res,
        404,
        'RESOURCE_NOT_FOUND',
        `The requested object (serviceName = ${String(req.params['serviceName'])}) does not exist`,
      );
    if (faults.rejectWith !== null)
      return ovhError(res, faults.rejectWith, 'SANDBOX_FAULT', `Sandbox refuses the job (fault ${faults.rejectWith})`);
    let parsed;
    try {
      parsed = jobSchema.safeParse(JSON.parse(body));
    } catch {
      return ovhError(res, 400, 'INVALID_BODY', 'Invalid JSON received');
    }
    if (!parsed.success)
      return ovhError(
        res,
        400,
        'INVALID_BODY',
        `Invalid body: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
      );
    const job = parsed.data;
    const validReceivers = job.receivers.filter((receiver) => RECEIVER.test(receiver));
    const invalidReceivers = job.receivers.filter((receiver) => !RECEIVER.test(receiver));
    const ids = inbox.add(
      {
        serviceName: options.serviceName,
        sender: job.senderForResponse ? null : (job.sender ?? null),
        message: job.message,
        noStopClause: job.noStopClause ?? false,
        tag: job.tag ?? null,
      },
      validReceivers,
    );
    reportDeliveries(inbox, state.reports, ids, state.reportDelayMs, state.logger);
    const segments = inbox.list().find((sms) => sms.id === ids[0])?.segments ?? 0;
    res.json({ totalCreditsRemoved: segments * validReceivers.length, invalidReceivers, ids, validReceivers });
  });
  return router;
}

/** `PUT /api/delivery-reports`: the callback URL (null: none), and the numbers reported not delivered. */
const reportSettingsSchema = z.strictObject({
  callBack: z.url({ protocol: /^https?$/ }).nullable(),
  undeliverable: z.array(z.string()).max(1_000).default([]),
});

function inboxApi({ inbox, faults, reports }: ApiState): Router {
  const router = Router();
  router.get('/messages', (req, res) => {
    const to = typeof req.query['to'] === 'string' ? req.query['to'] : undefined;
    res.json({ items: inbox.list({ to }) });
  });
  router.delete('/messages', (_req, res) => {
    inbox.clear();
    res.status(204).end();
  });
  // Tests make the API refuse jobs: { "rejectWith": 503 } (temporary) or 400 (refused for good), null to accept again.
  router.put('/faults', (req, res) => {
    const code: unknown = (req.body as { rejectWith?: unknown } | undefined)?.rejectWith;
    faults.rejectWith = typeof code === 'number' && code >= 400 && code < 600 ? code : null;
    res.json(faults);
  });
  // As the callBack of an OVHcloud SMS account: where delivery reports go, and (tests) which numbers never receive.
  router.put('/delivery-reports', (req, res) => {
    const parsed = reportSettingsSchema.safeParse(req.body);
    if (!parsed.success)
      return ovhError(res, 400, 'INVALID_BODY', parsed.error.issues.map((i) => i.message).join('; '));
    Object.assign(reports, parsed.data);
    res.json(reports);
  });
  return router;
}

/** Starts the fake OVHcloud API (/1.0), the web inbox (/) and its JSON API (/api). */
export async function startSmsSandbox(options: SmsSandboxOptions = {}): Promise<SmsSandbox> {
  const logger = options.logger ?? createLogger({ service: 'sms-sandbox', level: 'silent' });
  const host = options.host ?? '127.0.0.1';
  const inbox = new SmsInbox(options.capacity ?? 20_000);
  const faults: SmsFaults = { rejectWith: null };
  const reports: DeliveryReportSettings = { callBack: options.callbackUrl ?? null, undeliverable: [] };
  const state: ApiState = { inbox, faults, reports, reportDelayMs: options.reportDelayMs ?? 200, logger };
  const settings = {
    credentials: options.credentials ?? SANDBOX_CREDENTIALS,
    serviceName: options.serviceName ?? SANDBOX_CREDENTIALS.serviceName,
  };
  const app = createHttpApp({
    service: 'sms-sandbox',
    logger,
    rawRoutes: (app) => app.use('/1.0', ovhApi(settings, state)),
    routes: (app) => {
      app.use('/api', inboxApi(state));
      app.get('/', (_req, res) => {
        res.type('html').send(inboxPage(inbox.list()));
      });
      app.post('/messages/delete', (_req, res) => {
        inbox.clear();
        res.redirect(303, '/');
      });
    },
  });
  const server = await startHttpServer(app, options.port ?? 3007, host);
  return {
    url: server.url,
    apiUrl: `${server.url}/1.0`,
    inbox,
    faults,
    reports,
    close: () => server.close(1_000),
  };
}
