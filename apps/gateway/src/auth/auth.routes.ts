import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import * as client from 'openid-client';
import { gatewayAuthOperations, type IdentityProvider } from '@salle/contracts';
import type { Logger } from '@salle/runtime';
import type { AccountStore } from '../accounts';
import type { Federation } from '../oidc/federation';
import { callbackErrorFailure, describeError, LoginFailure, type LoginFailureReason } from '../oidc/login-failure';
import type { PageSender } from '../pages/html';
import { loggedOutPage, loginErrorPage, loginErrorStatus, type LoginErrorKind } from '../pages/login-error-page';
import { requestOrigin, sameToken } from '../security/csrf';
import type { RateLimiter } from '../security/rate-limiter';
import type { Cookies } from '../sessions/cookies';
import { isRandomId, randomId } from '../sessions/random-id';
import { currentSession } from '../sessions/session-middleware';
import type { SessionStore } from '../sessions/session-store';
import type { LoginAttempts } from './login-attempts';

export interface AuthRoutesOptions {
  federations: Record<IdentityProvider, Federation>;
  /** The gateway's public origin: callback URLs and the logout form's origin check. */
  publicUrl: string;
  attempts: LoginAttempts;
  sessions: SessionStore;
  cookies: Cookies;
  accounts: AccountStore;
  /** Lower-case e-mails of ProConnect agents who are département admins. */
  adminEmails: ReadonlySet<string>;
  rateLimiter: RateLimiter;
  /** The key that stands for the client in the rate limiter: a pseudonym of its IP, never the address. */
  clientKey: (req: { ip?: string }) => string;
  loadSession: RequestHandler;
  sendPage: PageSender;
  logger: Logger;
}

const LOGIN_BINDING_MAX_AGE_SECONDS = 10 * 60;

/** Where the router is mounted; its paths are those of `gatewayAuthOperations` below it. */
export const AUTH_PREFIX = '/auth';
const below = (operation: { path: string }) => operation.path.slice(AUTH_PREFIX.length);

// Integration bugs are logged loudly; the provider's own trouble and attacks as warnings; a cancel is ordinary.
const LOG_LEVEL: Partial<Record<LoginFailureReason, 'error' | 'info'>> = {
  integration_error: 'error',
  cancelled: 'info',
};

function single(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * A path of this site to return to after login, or undefined. Anything that
 * could leave the site (`//host`, `/\\host`, a scheme) is ignored: no open redirect.
 */
export function safeReturnTo(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 500) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  // Control characters (a tab or newline inside "/\t/host") could turn the path into another host.
  if ([...value].some((character) => character.charCodeAt(0) < 0x20)) return undefined;
  if (value.startsWith('/auth/')) return undefined;
  return value;
}

/**
 * `/auth/*`: login through FranceConnect or ProConnect, the callback with
 * every check, logout at both ends. Every refusal ends on a French page with
 * a retry link and leaves no session behind.
 */
export function authRoutes(options: AuthRoutesOptions): Router {
  const { federations, publicUrl, attempts, sessions, cookies, logger, sendPage } = options;
  const router = express.Router();

  const federationOf = (req: Request): Federation | undefined => {
    const name = req.params['provider'];
    return name === 'franceconnect' || name === 'proconnect' ? federations[name] : undefined;
  };

  const requestIdOf = (res: Response) => res.locals.requestId;

  const refuse = (
    res: Response,
    kind: LoginErrorKind,
    provider: IdentityProvider | undefined,
    headers?: Record<string, string>,
  ) => {
    sendPage(res, loginErrorStatus(kind), loginErrorPage(kind, provider, requestIdOf(res)), headers);
  };

  const refuseLogin = (res: Response, provider: IdentityProvider, failure: LoginFailure) => {
    const level = LOG_LEVEL[failure.reason] ?? 'warn';
    logger[level](
      { provider, reason: failure.reason, detail: failure.detail, requestId: requestIdOf(res) },
      'login refused',
    );
    refuse(res, failure.reason, provider);
  };

  const unexpected = (res: Response, provider: IdentityProvider | undefined, error: unknown) => {
    // Only the error's class and message: causes may carry claims or tokens.
    const { name, message } = describeError(error);
    logger.error(
      { provider, requestId: requestIdOf(res), errorName: name, reason: message.slice(0, 200) },
      'login failed unexpectedly',
    );
    refuse(res, 'internal', provider);
  };

  router.use(async (req, res, next) => {
    try {
      const verdict = await options.rateLimiter.hit(options.clientKey(req));
      if (verdict.allowed) return next();
      logger.warn({ requestId: requestIdOf(res), path: req.path }, 'auth rate limit reached');
      const provider = /^\/(franceconnect|proconnect)\//.exec(req.path)?.[1] as IdentityProvider | undefined;
      refuse(res, 'rate_limited', provider, {
        'Retry-After': String(verdict.retryAfterSeconds),
      });
    } catch (error) {
      next(error);
    }
  });

  router.get(below(gatewayAuthOperations.login), async (req, res, next) => {
    const federation = federationOf(req);
    if (!federation) return next();
    try {
      let binding = cookies.read(req, cookies.names.login);
      if (!isRandomId(binding)) binding = randomId();
      const attempt = {
        provider: federation.name,
        state: randomId(),
        nonce: randomId(),
        ...(federation.usesPkce ? { codeVerifier: client.randomPKCECodeVerifier() } : {}),
        returnTo: safeReturnTo(req.query['returnTo']),
      };
      const url = await federation.authorizationUrl(attempt, `${publicUrl}/auth/${federation.name}/callback`);
      await attempts.save(binding, attempt);
      cookies.set(res, cookies.names.login, binding, LOGIN_BINDING_MAX_AGE_SECONDS);
      res.redirect(303, url.href);
    } catch (error) {
      if (error instanceof LoginFailure) return refuseLogin(res, federation.name, error);
      unexpected(res, federation.name, error);
    }
  });

  router.get(below(gatewayAuthOperations.callback), options.loadSession, async (req, res, next) => {
    const federation = federationOf(req);
    if (!federation) return next();
    const provider = federation.name;
    try {
      const state = single(req, 'state');
      // FranceConnect sends the literal "undefined" when it lost the context (docs/federations.md, "Errors on the callback").
      if (!state || state === 'undefined') throw new LoginFailure('state_missing', 'callback without state');
      const attempt = await attempts.consume(cookies.read(req, cookies.names.login), state);
      if (!attempt || attempt.provider !== provider) {
        throw new LoginFailure('state_unknown', 'state unknown, used, expired or from another browser');
      }
      if (single(req, 'iss') !== federation.settings.issuer)
        throw new LoginFailure('iss_mismatch', 'callback iss missing or wrong');
      const error = single(req, 'error');
      if (error !== undefined) throw callbackErrorFailure(error);
      if (!single(req, 'code')) throw new LoginFailure('code_missing', 'callback without code');

      const callbackUrl = new URL(`${publicUrl}/auth/${provider}/callback`);
      callbackUrl.search = new URL(req.originalUrl, publicUrl).search;
      const login = await federation.completeLogin(callbackUrl, attempt);

      const contact =
        login.identity.email === undefined
          ? undefined
          : { email: login.identity.email, displayName: login.identity.displayName };
      const accountId = await options.accounts.upsert(provider, login.subject, login.identity.claims, contact);
      const admin =
        provider === 'proconnect' &&
        login.identity.email !== undefined &&
        options.adminEmails.has(login.identity.email);
      // A new id at every login: an id planted in the browser before login is worthless after it.
      await sessions.destroy(currentSession(res)?.id ?? cookies.read(req, cookies.names.session));
      const session = await sessions.create({
        accountId,
        provider,
        displayName: login.identity.displayName,
        roles: admin ? ['department_admin'] : [],
        email: login.identity.email,
        siret: login.identity.siret,
        organisationLabel: login.identity.organisationLabel,
        acr: login.acr,
        idToken: login.idToken,
      });
      cookies.set(res, cookies.names.session, session.id);
      logger.info({ provider, accountId, admin, requestId: requestIdOf(res) }, 'login succeeded');
      res.redirect(303, attempt.returnTo ?? '/');
    } catch (error) {
      if (error instanceof LoginFailure) return refuseLogin(res, provider, error);
      unexpected(res, provider, error);
    }
  });

  router.post(
    below(gatewayAuthOperations.logout),
    express.urlencoded({ extended: false, limit: '2kb' }),
    options.loadSession,
    async (req, res) => {
      const session = currentSession(res);
      if (!session) return res.redirect(303, '/');
      const token = (req.body as Record<string, unknown> | undefined)?.['csrf'];
      if (
        requestOrigin(req) !== publicUrl ||
        !sameToken(typeof token === 'string' ? token : undefined, session.csrfToken)
      ) {
        logger.warn({ requestId: requestIdOf(res) }, 'logout refused: origin or CSRF token');
        return refuse(res, 'logout_refused', undefined);
      }
      try {
        // The local session goes first: whatever happens at the provider, this browser is logged out here.
        await sessions.destroy(session.id);
        cookies.clear(res, cookies.names.session);
        const state = randomId();
        const endSession = await federations[session.provider].endSessionUrl(
          session.idToken,
          `${publicUrl}/auth/${session.provider}/logout/callback`,
          state,
        );
        logger.info(
          { provider: session.provider, accountId: session.accountId, requestId: requestIdOf(res) },
          'logout',
        );
        if (!endSession) return sendPage(res, 200, loggedOutPage(undefined));
        await attempts.saveLogout(state, session.provider);
        res.redirect(303, endSession.href);
      } catch (error) {
        unexpected(res, session.provider, error);
      }
    },
  );

  router.get(below(gatewayAuthOperations.logoutCallback), async (req, res) => {
    const federation = federationOf(req);
    try {
      const provider = await attempts.consumeLogout(single(req, 'state'));
      if (!federation || provider !== federation.name) {
        // Nothing to undo (the local session ended before the redirect): the return is ignored.
        logger.warn({ requestId: requestIdOf(res) }, 'logout return with an unknown state: ignored');
        return res.redirect(303, '/');
      }
      sendPage(res, 200, loggedOutPage(provider));
    } catch (error) {
      unexpected(res, federation?.name, error);
    }
  });

  return router;
}
