import { BOOKING_STORAGE_DIR, PAYFIP_DEMO_COLLEGE, seededEstablishmentId } from '@salle/seed';

/** The ports of the running apps, by app name. */
export type DevPorts = Record<string, number>;

/** An app `npm start` runs, in start order, with its development port and the URLs it needs of the others. */
export interface DevApp {
  name: string;
  port: number;
  /** The environment variable that sets its port. */
  portVariable: string;
  /** Variables pointing it at the other apps, so that any port can be overridden consistently. */
  links(ports: DevPorts): Record<string, string>;
  /** A line printed once it is ready, beside its URL (sandboxes say that they are ones). */
  readyNote?: string;
}

const local = (port: number | undefined) => `http://127.0.0.1:${port}`;

/**
 * One seeded collège is paid through PayFiP (its test régie in the payfip-sandbox), so that a newcomer can try
 * the public rail as well as Stripe; the README's first steps name it. Set PAYMENT_ESTABLISHMENT_PROVIDERS to
 * change it.
 */
const payfipDemo = () => ({
  establishmentId: seededEstablishmentId(PAYFIP_DEMO_COLLEGE.uai),
  numcli: PAYFIP_DEMO_COLLEGE.numcli,
});

/**
 * Ends the callback URL of the SMS delivery reports: the sms-sandbox calls it through the gateway as
 * OVHcloud would, and the notification service checks it. Production refuses the service's own default.
 */
const SMS_REPORT_KEY = 'dev-stack-sms-report-key-not-for-production';

/** The mail-sandbox's SMTP port, which the notification service sends to. */
const smtpPort = () => Number(process.env['MAIL_SANDBOX_SMTP_PORT'] ?? 1025);

export const DEV_APPS: DevApp[] = [
  {
    name: 'identity-sandbox',
    port: 3003,
    portVariable: 'IDENTITY_SANDBOX_PORT',
    links: (ports) => {
      const gateway = local(ports['gateway']);
      return {
        IDENTITY_SANDBOX_URL: local(ports['identity-sandbox']),
        IDENTITY_SANDBOX_FRANCECONNECT_REDIRECT_URIS: `${gateway}/auth/franceconnect/callback`,
        IDENTITY_SANDBOX_FRANCECONNECT_POST_LOGOUT_REDIRECT_URIS: `${gateway}/auth/franceconnect/logout/callback`,
        IDENTITY_SANDBOX_PROCONNECT_REDIRECT_URIS: `${gateway}/auth/proconnect/callback`,
        IDENTITY_SANDBOX_PROCONNECT_POST_LOGOUT_REDIRECT_URIS: `${gateway}/auth/proconnect/logout/callback`,
      };
    },
  },
  {
    name: 'gateway',
    port: 3000,
    portVariable: 'GATEWAY_PORT',
    links: (ports) => ({
      GATEWAY_PUBLIC_URL: local(ports['gateway']),
      BOOKING_URL: local(ports['booking']),
      PAYMENT_URL: local(ports['payment']),
      NOTIFICATION_URL: local(ports['notification']),
      ...(ports['web'] ? { GATEWAY_WEB_DEV_URL: local(ports['web']) } : {}),
      FRANCECONNECT_ISSUER: `${local(ports['identity-sandbox'])}/franceconnect/api/v2`,
      PROCONNECT_ISSUER: `${local(ports['identity-sandbox'])}/proconnect/api/v2`,
    }),
  },
  {
    name: 'registry-sandbox',
    port: 3011,
    portVariable: 'REGISTRY_SANDBOX_PORT',
    links: () => ({}),
    readyNote: 'REGISTRY SANDBOX: the register check of organisations asks these fictitious records',
  },
  {
    name: 'booking',
    port: 3001,
    portVariable: 'BOOKING_PORT',
    links: (ports) => ({
      INTERNAL_JWKS_URL: `${local(ports['gateway'])}/.well-known/internal-jwks.json`,
      REGISTER_SEARCH_URL: local(ports['registry-sandbox']),
      // Named here rather than left to the service's default: the seed writes its illustrations in this folder.
      STORAGE_LOCAL_DIR: BOOKING_STORAGE_DIR,
      // Conventions signed online before payment (the default): the département signs by a standing delegation,
      // so that a local stack needs no admin holding the delegation (a value in the environment wins).
      CONVENTION_STANDING_DELEGATION:
        'Direction de l’éducation (développement) | Délibération fictive de développement',
    }),
  },
  {
    name: 'stripe-sandbox',
    port: 3004,
    portVariable: 'STRIPE_SANDBOX_PORT',
    links: (ports) => ({
      STRIPE_SANDBOX_URL: local(ports['stripe-sandbox']),
      STRIPE_SANDBOX_WEBHOOK_URL: `${local(ports['payment'])}/webhooks/stripe`,
    }),
  },
  {
    name: 'payfip-sandbox',
    port: 3010,
    portVariable: 'PAYFIP_SANDBOX_PORT',
    links: () => ({}),
    readyNote: 'PAYFIP SANDBOX: the PayFiP payment page and SOAP web-service, no money moves',
  },
  {
    name: 'payment',
    port: 3002,
    portVariable: 'PAYMENT_PORT',
    links: (ports) => ({
      INTERNAL_JWKS_URL: `${local(ports['gateway'])}/.well-known/internal-jwks.json`,
      STRIPE_SANDBOX_URL: local(ports['stripe-sandbox']),
      PAYFIP_URL: local(ports['payfip-sandbox']),
      WEB_PUBLIC_URL: local(ports['gateway']),
      PAYMENT_ESTABLISHMENT_PROVIDERS: `${payfipDemo().establishmentId}=payfip:${payfipDemo().numcli}`,
    }),
  },
  {
    name: 'mail-sandbox',
    port: 3006,
    portVariable: 'MAIL_SANDBOX_PORT',
    links: () => ({ MAIL_SANDBOX_SMTP_PORT: String(smtpPort()) }),
    readyNote: 'MAIL SANDBOX: every e-mail the stack sends lands in this inbox and reaches nobody',
  },
  {
    name: 'sms-sandbox',
    port: 3007,
    portVariable: 'SMS_SANDBOX_PORT',
    links: (ports) => ({ SMS_SANDBOX_CALLBACK_URL: `${local(ports['gateway'])}/accuses-sms/${SMS_REPORT_KEY}` }),
    readyNote: 'SMS SANDBOX: every SMS the stack sends lands in this inbox and reaches nobody',
  },
  {
    name: 'notification',
    port: 3005,
    portVariable: 'NOTIFICATION_PORT',
    links: (ports) => ({
      SMTP_URL: `smtp://127.0.0.1:${smtpPort()}`,
      // SMS are off unless turned on; locally they go to the sms-sandbox.
      NOTIFICATION_SMS_ENABLED: 'true',
      OVH_SMS_ENDPOINT: `${local(ports['sms-sandbox'])}/1.0`,
      OVH_SMS_REPORT_KEY: SMS_REPORT_KEY,
      WEB_PUBLIC_URL: local(ports['gateway']),
      INTERNAL_JWKS_URL: `${local(ports['gateway'])}/.well-known/internal-jwks.json`,
    }),
  },
];

export const ENTRY_APP = 'gateway';
