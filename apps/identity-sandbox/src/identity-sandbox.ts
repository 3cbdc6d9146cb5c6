import express, { type RequestHandler } from 'express';
import { createHttpApp, startHttpServer } from '@salle/http';
import { createLogger, type Logger } from '@salle/runtime';
import type { FederationName } from './identities/sandbox-identity';
import { createFederationProvider, type SandboxClient } from './oidc/create-provider';
import type { FederationProfile } from './oidc/federation-profile';
import { franceconnectProfile } from './oidc/franceconnect-profile';
import { interactionRoutes } from './oidc/interaction-routes';
import { proconnectProfile } from './oidc/proconnect-profile';
import { federationKeys, type SigningJwk } from './oidc/signing-keys';

export interface IdentitySandboxOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 3003; 0 picks a free port (tests). */
  port?: number;
  /** The URL browsers and relying parties use; default `http://<host>:<port>`. Issuers are built on it. */
  publicUrl?: string;
  /** Relying parties registered at FranceConnect; default: the local gateway's development client. */
  franceconnectClients?: readonly SandboxClient[];
  /** Relying parties registered at ProConnect; default: the local gateway's development client. */
  proconnectClients?: readonly SandboxClient[];
  /** Mixed into FranceConnect's pairwise `sub`s. */
  subjectSecret?: string;
  /** Private JWKS (one ES256 P-256 key, one RS256 key) for both federations; generated at start when absent. */
  signingKeys?: readonly SigningJwk[];
  /** How long the `*-slow` faults wait before answering; default 32 s, like FranceConnect's own mock. */
  slowResponseMs?: number;
  /** Default: a silent logger. */
  logger?: Logger;
}

export interface IdentitySandbox {
  url: string;
  issuers: Record<FederationName, string>;
  clients: Record<FederationName, readonly SandboxClient[]>;
  close(): Promise<void>;
}

export const DEFAULT_SUBJECT_SECRET = 'identity-sandbox-pairwise-subject-secret';
export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:3000';

/** The development clients: the local gateway, as the dev stack starts it. */
export function defaultClients(federation: FederationName, gatewayUrl = DEFAULT_GATEWAY_URL): SandboxClient[] {
  return [
    {
      clientId: `salle-sur-demande-${federation}`,
      clientSecret: `${federation}-sandbox-client-secret-not-for-production`,
      redirectUris: [`${gatewayUrl}/auth/${federation}/callback`],
      postLogoutRedirectUris: [`${gatewayUrl}/auth/${federation}/logout/callback`],
      clientName: 'Salle sur demande',
    },
  ];
}

/** CSP for the sandbox's pages: inline styles, scripts only by hash, forms may lead back to the registered services. */
function contentSecurityPolicy(clients: readonly SandboxClient[]): RequestHandler {
  const origins = new Set(
    clients
      .flatMap((client) => [...client.redirectUris, ...client.postLogoutRedirectUris])
      .map((uri) => new URL(uri).origin),
  );
  const policy = [
    "default-src 'self'",
    "base-uri 'none'",
    `form-action 'self' ${[...origins].join(' ')}`.trim(),
    "frame-ancestors 'none'",
    "img-src 'self' data:",
    "object-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
  ].join('; ');
  return (_req, res, next) => {
    // Replaces the API policy set by helmet, whose upgrade-insecure-requests would break an http:// sandbox.
    res.setHeader('Content-Security-Policy', policy);
    next();
  };
}

/**
 * Starts a local FranceConnect v2 and ProConnect in one HTTP server:
 * `<url>/franceconnect/api/v2` and `<url>/proconnect/api/v2`.
 */
export async function startIdentitySandbox(options: IdentitySandboxOptions = {}): Promise<IdentitySandbox> {
  const logger = options.logger ?? createLogger({ service: 'identity-sandbox', level: 'silent' });
  const clients: Record<FederationName, readonly SandboxClient[]> = {
    franceconnect: options.franceconnectClients ?? defaultClients('franceconnect'),
    proconnect: options.proconnectClients ?? defaultClients('proconnect'),
  };
  // Routes are added once the port, hence the issuers, are known; nothing is served before that.
  const sandboxRoutes = express.Router();
  const app = createHttpApp({
    service: 'identity-sandbox',
    logger,
    // Mounted before the JSON-only body rule: the OIDC endpoints and login forms are form-encoded.
    rawRoutes: (expressApp) => expressApp.use(sandboxRoutes),
    routes: () => undefined,
  });
  const server = await startHttpServer(app, options.port ?? 3003, options.host ?? '127.0.0.1');
  const closing = new AbortController();

  try {
    const url = (options.publicUrl ?? server.url).replace(/\/+$/, '');
    // Login pages and interaction URLs are absolute paths from the root.
    if (new URL(url).pathname !== '/') throw new Error(`the public URL must not have a path: ${url}`);
    const issuers: Record<FederationName, string> = {
      franceconnect: `${url}/franceconnect/api/v2`,
      proconnect: `${url}/proconnect/api/v2`,
    };
    sandboxRoutes.use(contentSecurityPolicy([...clients.franceconnect, ...clients.proconnect]));

    const profiles: Record<FederationName, FederationProfile> = {
      franceconnect: franceconnectProfile,
      proconnect: proconnectProfile,
    };
    for (const federation of ['franceconnect', 'proconnect'] as const) {
      const basePath = `/${federation}`;
      const provider = createFederationProvider({
        profile: profiles[federation],
        issuer: issuers[federation],
        otherIssuer: issuers[federation === 'franceconnect' ? 'proconnect' : 'franceconnect'],
        basePath,
        clients: clients[federation],
        keys: federationKeys(federation, options.signingKeys),
        subjectSecret: options.subjectSecret ?? DEFAULT_SUBJECT_SECRET,
        slowResponseMs: options.slowResponseMs ?? 32_000,
        closing: closing.signal,
        logger,
      });
      sandboxRoutes.use(`${basePath}/interaction`, interactionRoutes(provider, profiles[federation], basePath));
      sandboxRoutes.use(`${basePath}/api/v2`, provider.callback());
    }

    logger.warn(
      { issuers },
      'IDENTITY SANDBOX: this is a FAKE FranceConnect and ProConnect with invented identities. Never point a production service at it.',
    );
    return {
      url,
      issuers,
      clients,
      async close() {
        closing.abort();
        await server.close(1_000);
      },
    };
  } catch (error) {
    closing.abort();
    await server.close(0);
    throw error;
  }
}
