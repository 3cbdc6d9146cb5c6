import type { Express, RequestHandler } from 'express';
import type { TokenIssuer } from '@salle/auth';
import { parseSiteConfig, type IdentityProvider, type SiteConfig } from '@salle/contracts';
import { createEventConsumer, createOutboxRelay } from '@salle/events';
import type { Logger } from '@salle/runtime';
import type { Redis } from '@salle/redis';
import {
  IntervalWorker,
  pseudonymiseOldAuditEntries,
  retentionReport,
  type ServiceDependencies,
  type ServiceOptions,
} from '@salle/service';
import { AccountStore, announceDepartmentAdmins, listDepartmentAdmins } from './accounts';
import { gatewayMigrations } from './database';
import { AccessClaims, accessEventHandlers } from './api/access-claims';
import { BookingClient } from './api/booking-client';
import { gatewayApiRoutes, gatewayAuditRoutes } from './api/gateway-api';
import { AuditTrail } from './audit/audit-trail';
import { callerOf, describeMe } from './api/me';
import { AUTH_PREFIX, authRoutes } from './auth/auth.routes';
import { LoginAttempts } from './auth/login-attempts';
import { retentionSettingsOf, type GatewayConfig } from './config';
import { rateLimited } from './errors';
import { Federation } from './oidc/federation';
import { accountHomePage, anonymousHomePage } from './pages/home-page';
import { pageSecurityPolicy, pageSender } from './pages/html';
import { STYLESHEET } from './pages/stylesheet';
import { serviceProxy } from './proxy/service-proxy';
import { requestPseudonym } from './security/client-pseudonym';
import { csrfProtection } from './security/csrf';
import { RateLimiter } from './security/rate-limiter';
import { Cookies } from './sessions/cookies';
import { currentSession, loadSession } from './sessions/session-middleware';
import { SessionStore } from './sessions/session-store';
import { ErasureRequests } from './privacy/erasure-requests';
import { GATEWAY_AUDIT_LOG } from './privacy/audit-retention';
import { InactiveAccounts } from './privacy/inactive-accounts';
import { PersonalDataExporter } from './privacy/personal-data-export';
import { ServiceParts } from './privacy/service-parts';
import { publicSiteConfig, readSiteBranding } from './web/site-branding';
import { readSiteFile } from './web/theme';
import {
  findWebBuild,
  mountSiteTheme,
  mountWebBuild,
  mountWebDevServer,
  siteConfigPath,
  webSecurityPolicy,
} from './web/web-build';
import { keyMetrics } from './key-metrics';

export const INTERNAL_JWKS_PATH = '/.well-known/internal-jwks.json';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The booking service's catalogue imports, under /api. */
const ADMIN_IMPORTS = /^\/booking\/imports\//;

/**
 * The per-account write limit is meant for people clicking; a département
 * admin's catalogue import is one request per file, and loading a
 * département's files in a row must not hit it. Only admins: the booking
 * service refuses anyone else's import anyway, and their requests stay counted.
 */
export const isAdminImport = (path: string, session: { roles: readonly string[] } | undefined) =>
  ADMIN_IMPORTS.test(path) && (session?.roles.includes('department_admin') ?? false);

function federations(config: GatewayConfig): Record<IdentityProvider, Federation> {
  const common = { timeoutMs: config.OIDC_HTTP_TIMEOUT_MS };
  const scopes = (value: string) => value.split(/\s+/).filter(Boolean);
  return {
    franceconnect: new Federation({
      ...common,
      name: 'franceconnect',
      label: 'FranceConnect',
      issuer: config.FRANCECONNECT_ISSUER,
      clientId: config.FRANCECONNECT_CLIENT_ID,
      clientSecret: config.FRANCECONNECT_CLIENT_SECRET,
      scopes: scopes(config.FRANCECONNECT_SCOPES),
    }),
    proconnect: new Federation({
      ...common,
      name: 'proconnect',
      label: 'ProConnect',
      issuer: config.PROCONNECT_ISSUER,
      clientId: config.PROCONNECT_CLIENT_ID,
      clientSecret: config.PROCONNECT_CLIENT_SECRET,
      scopes: scopes(config.PROCONNECT_SCOPES),
    }),
  };
}

/** The département's identity as its pages show it (the logo at the URL the gateway serves it from). */
function siteIdentity(file: string): SiteConfig {
  const raw = readSiteFile(file);
  return parseSiteConfig(publicSiteConfig(raw, readSiteBranding(raw, file)));
}

/**
 * The public entry: login through FranceConnect and ProConnect, sessions,
 * `/api/me`, the proxy to the services with internal tokens, CSRF checks and
 * rate limits. Everything is mounted before the JSON body parser (rawRoutes),
 * so proxied bodies go through byte for byte.
 */
export function gatewayService(config: GatewayConfig, logger: Logger, issuer: TokenIssuer): ServiceOptions {
  const publicUrl = config.GATEWAY_PUBLIC_URL;
  const https = publicUrl.startsWith('https:');
  const federationsByName = federations(config);
  const cookies = new Cookies(https);
  const providerOrigins = [...new Set(Object.values(federationsByName).map((f) => new URL(f.settings.issuer).origin))];
  const sendPage = pageSender(pageSecurityPolicy(providerOrigins, https), siteIdentity(siteConfigPath(config)));
  const windowMs = config.RATE_LIMIT_WINDOW_SECONDS * 1000;
  // Client IPs are kept nowhere, only their daily pseudonyms: in the access log and in rate-limit keys.
  const pseudonym = requestPseudonym(config.GATEWAY_CLIENT_PSEUDONYM_SECRET);

  const sessionStore = (redis: Redis) =>
    new SessionStore(redis, {
      idleMs: config.SESSION_IDLE_TIMEOUT_SECONDS * 1000,
      absoluteMs: config.SESSION_ABSOLUTE_TIMEOUT_SECONDS * 1000,
    });
  const serviceParts = () =>
    new ServiceParts(
      { booking: config.BOOKING_URL, notification: config.NOTIFICATION_URL, payment: config.PAYMENT_URL },
      issuer,
      logger,
    );
  const mount = (app: Express, { redis, dataSource }: ServiceDependencies) => {
    // Express takes the client IP that many entries from the right of X-Forwarded-For; 0 ignores the header.
    app.set('trust proxy', config.GATEWAY_TRUST_PROXY_HOPS === 0 ? false : config.GATEWAY_TRUST_PROXY_HOPS);
    const sessions = sessionStore(redis);
    const session = loadSession(sessions, cookies);
    const booking = new BookingClient(config.BOOKING_URL, issuer, logger);
    const apiWrites = new RateLimiter(redis, 'api-write', config.API_WRITE_RATE_LIMIT, windowMs);

    app.get(INTERNAL_JWKS_PATH, (_req, res) => {
      res.setHeader('Cache-Control', 'public, max-age=60');
      res.json(issuer.jwks());
    });
    app.get('/assets/gateway.css', (_req, res) => {
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.type('css').send(STYLESHEET);
    });

    // Stripe's webhooks: no session, no CSRF (Stripe signs them), the body passed byte for byte.
    app.use(
      '/webhooks/stripe',
      serviceProxy({
        service: 'payment',
        target: `${config.PAYMENT_URL}/webhooks/stripe`,
        issuer,
        caller: () => undefined,
        timeoutMs: config.PROXY_TIMEOUT_MS,
        logger,
      }),
    );

    // PayFiP's notifications (GET or POST, `idop` only): no session, no CSRF, nothing signed; the payment
    // service reads every result back from PayFiP, so an idOp named here is only a wake-up.
    app.use(
      '/webhooks/payfip',
      serviceProxy({
        service: 'payment',
        target: `${config.PAYMENT_URL}/webhooks/payfip`,
        issuer,
        caller: () => undefined,
        timeoutMs: config.PROXY_TIMEOUT_MS,
        logger,
      }),
    );

    // The e-mails' one-click unsubscription links (RFC 8058): no session, no CSRF, since mail providers
    // post them without cookies; the signed token in the path is the proof, checked by the notification service.
    app.use(
      '/desabonnement',
      serviceProxy({
        service: 'notification',
        target: `${config.NOTIFICATION_URL}/unsubscribe`,
        issuer,
        caller: () => undefined,
        timeoutMs: config.PROXY_TIMEOUT_MS,
        logger,
      }),
    );

    // OVHcloud's SMS delivery reports (the callback URL set on the SMS account): no session, no CSRF, since
    // OVHcloud calls it without cookies; the key ending the path is the proof, checked by the notification service.
    app.use(
      '/accuses-sms',
      serviceProxy({
        service: 'notification',
        target: `${config.NOTIFICATION_URL}/sms/delivery-reports`,
        issuer,
        caller: () => undefined,
        timeoutMs: config.PROXY_TIMEOUT_MS,
        logger,
      }),
    );

    app.use(
      AUTH_PREFIX,
      authRoutes({
        federations: federationsByName,
        publicUrl,
        attempts: new LoginAttempts(redis),
        sessions,
        cookies,
        accounts: new AccountStore(dataSource),
        adminEmails: new Set(config.DEPARTMENT_ADMIN_EMAILS),
        rateLimiter: new RateLimiter(redis, 'auth', config.AUTH_RATE_LIMIT, windowMs),
        clientKey: pseudonym,
        loadSession: session,
        sendPage,
        logger,
      }),
    );

    const writeRateLimit: RequestHandler = async (req, res, next) => {
      if (!WRITE_METHODS.has(req.method) || isAdminImport(req.path, currentSession(res))) return next();
      try {
        const who = currentSession(res)?.accountId;
        const verdict = await apiWrites.hit(who ? `account:${who}` : `ip:${pseudonym(req)}`);
        if (verdict.allowed) return next();
        next(rateLimited(verdict.retryAfterSeconds));
      } catch (error) {
        next(error);
      }
    };
    app.use('/api', session, csrfProtection(publicUrl), writeRateLimit);

    const services = serviceParts();
    const erasure = new ErasureRequests(dataSource, sessions, services, { redis, keyPrefix: config.EVENTS_KEY_PREFIX });
    gatewayApiRoutes({
      booking,
      personalData: new PersonalDataExporter(dataSource, sessions, services, erasure),
      erasure,
      retention: retentionSettingsOf(config),
      departmentAdmins: () => listDepartmentAdmins(dataSource, config.DEPARTMENT_ADMIN_EMAILS ?? []),
    }).routes(app);

    app.use(
      '/api/booking',
      serviceProxy({
        service: 'booking',
        target: config.BOOKING_URL,
        issuer,
        caller: (res) => {
          const current = currentSession(res);
          return current ? callerOf(current) : undefined;
        },
        timeoutMs: config.PROXY_TIMEOUT_MS,
        logger,
      }),
    );

    // Payment and notification own no memberships: their tokens carry what the caller acts for.
    const accessClaims = new AccessClaims(booking, redis);
    const withAccess = [
      ['/api/payment', 'payment', config.PAYMENT_URL],
      ['/api/notification', 'notification', config.NOTIFICATION_URL],
    ] as const;
    for (const [prefix, service, target] of withAccess)
      app.use(
        prefix,
        serviceProxy({
          service,
          target,
          issuer,
          caller: (res) => {
            const current = currentSession(res);
            return current ? callerOf(current) : undefined;
          },
          claims: (res, caller) => accessClaims.of(caller, res.locals.requestId),
          timeoutMs: config.PROXY_TIMEOUT_MS,
          logger,
        }),
      );

    gatewayAuditRoutes(
      new AuditTrail(
        dataSource,
        { booking: config.BOOKING_URL, notification: config.NOTIFICATION_URL, payment: config.PAYMENT_URL },
        issuer,
        accessClaims,
        logger,
      ),
    ).routes(app);

    mountSiteTheme(app, config);
    if (config.GATEWAY_WEB_DEV_URL && config.NODE_ENV !== 'production') {
      mountWebDevServer(
        app,
        serviceProxy({
          service: 'web',
          target: config.GATEWAY_WEB_DEV_URL,
          issuer,
          caller: () => undefined,
          timeoutMs: config.PROXY_TIMEOUT_MS,
          logger,
        }),
      );
      return;
    }
    const web = findWebBuild(config.GATEWAY_WEB_DIR);
    if (web) {
      mountWebBuild(app, web, webSecurityPolicy(providerOrigins, https));
      return;
    }
    // Without a web build (tests, API-only deployments): the gateway's own minimal pages.
    app.get('/', session, async (_req, res, next) => {
      try {
        const current = currentSession(res);
        if (!current) return sendPage(res, 200, anonymousHomePage());
        sendPage(res, 200, accountHomePage(await describeMe(current, booking, res.locals.requestId)));
      } catch (error) {
        next(error);
      }
    });
  };

  return {
    name: 'gateway',
    continueCallerTrace: false,
    clientLabel: pseudonym,
    logger,
    host: config.GATEWAY_HOST,
    port: config.GATEWAY_PORT,
    metrics: { host: config.GATEWAY_METRICS_HOST, port: config.GATEWAY_METRICS_PORT },
    databaseUrl: config.DATABASE_URL,
    redisUrl: config.REDIS_URL,
    redisSentinels: config.REDIS_SENTINELS,
    redisSentinelName: config.REDIS_SENTINEL_NAME,
    database: { schema: 'gateway', migrations: gatewayMigrations },
    rawRoutes: mount,
    routes: () => undefined,
    workers: async ({ dataSource, redis, metricsRegistry }) => {
      keyMetrics(metricsRegistry, issuer);
      const report = retentionReport(logger, metricsRegistry);
      const inactive = new InactiveAccounts(
        dataSource,
        new ErasureRequests(dataSource, sessionStore(redis), serviceParts(), {
          redis,
          keyPrefix: config.EVENTS_KEY_PREFIX,
        }),
        config,
        report,
      );
      const consumer = createEventConsumer({
        group: 'gateway',
        dataSource,
        redis,
        logger,
        metricsRegistry,
        keyPrefix: config.EVENTS_KEY_PREFIX,
        handlers: accessEventHandlers(redis),
      });
      // account.contact_changed and department.admins_changed, for the notification service.
      const relay = createOutboxRelay({
        dataSource,
        redis,
        logger,
        metricsRegistry,
        keyPrefix: config.EVENTS_KEY_PREFIX,
        stream: 'gateway',
        consumerGroups: ['notification'],
      });
      // department.admins_changed: who the notification service tells what admins must look at.
      await announceDepartmentAdmins(dataSource, config.DEPARTMENT_ADMIN_EMAILS);
      await Promise.all([consumer.start(), relay.start()]);
      // Warns, then erases, the accounts nobody logged in to for RETENTION_INACTIVE_ACCOUNT_YEARS; pseudonymises
      // the audit entries older than GATEWAY_AUDIT_PSEUDONYMISE_AFTER_YEARS.
      const retention = new IntervalWorker(
        'privacy-retention',
        config.GATEWAY_RETENTION_INTERVAL_MS,
        async () => {
          await inactive.runOnce();
          await pseudonymiseOldAuditEntries(dataSource, GATEWAY_AUDIT_LOG, config, report);
        },
        logger,
      ).start();
      return [retention, relay, consumer];
    },
  };
}
