import { z } from 'zod';
import { ConfigError, defineConfig, env, production } from '@salle/config';
import { defaultClients } from './identity-sandbox';
import type { FederationName } from './identities/sandbox-identity';
import { parsePrivateJwks } from './oidc/signing-keys';

/** A comma-separated list of http(s) URLs, at least one. */
const urlList = (defaults: readonly string[]) =>
  env.list({
    defaults,
    required: true,
    item: env.isHttpUrl,
    description: 'a comma-separated list of http:// or https:// URLs',
  });

function privateJwks() {
  return z
    .string()
    .refine((value) => {
      try {
        parsePrivateJwks(value);
        return true;
      } catch {
        return false;
      }
    })
    .transform((value) => parsePrivateJwks(value))
    .optional()
    .describe('a private JWKS in JSON with one ES256 (P-256) key and one RS256 key, each with "kid", "alg" and "d"');
}

function defaultClient(federation: FederationName) {
  const [client] = defaultClients(federation);
  if (!client) throw new Error(`no default ${federation} client`);
  return client;
}

/** zod's `.default()` and `.optional()` wrap the schema and lose its description: carry it over. */
function withDefault(schema: z.ZodString, value: string) {
  return schema.default(value).describe(schema.description ?? 'a valid value');
}

function optional<T extends z.ZodType>(schema: T) {
  return schema.optional().describe(schema.description ?? 'a valid value');
}

const franceconnect = defaultClient('franceconnect');
const proconnect = defaultClient('proconnect');

export const identitySandboxConfig = defineConfig(
  {
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    IDENTITY_SANDBOX_HOST: withDefault(env.text(), '127.0.0.1'),
    IDENTITY_SANDBOX_PORT: env.port(3003),
    /** Public base URL; default http://<host>:<port>. */
    IDENTITY_SANDBOX_URL: optional(env.httpUrl()),
    IDENTITY_SANDBOX_FRANCECONNECT_CLIENT_ID: withDefault(env.text(), franceconnect.clientId),
    IDENTITY_SANDBOX_FRANCECONNECT_CLIENT_SECRET: withDefault(env.secret(16), franceconnect.clientSecret),
    IDENTITY_SANDBOX_FRANCECONNECT_REDIRECT_URIS: urlList(franceconnect.redirectUris),
    IDENTITY_SANDBOX_FRANCECONNECT_POST_LOGOUT_REDIRECT_URIS: urlList(franceconnect.postLogoutRedirectUris),
    IDENTITY_SANDBOX_PROCONNECT_CLIENT_ID: withDefault(env.text(), proconnect.clientId),
    IDENTITY_SANDBOX_PROCONNECT_CLIENT_SECRET: withDefault(env.secret(16), proconnect.clientSecret),
    IDENTITY_SANDBOX_PROCONNECT_REDIRECT_URIS: urlList(proconnect.redirectUris),
    IDENTITY_SANDBOX_PROCONNECT_POST_LOGOUT_REDIRECT_URIS: urlList(proconnect.postLogoutRedirectUris),
    IDENTITY_SANDBOX_SUBJECT_SECRET: optional(env.secret(16)),
    IDENTITY_SANDBOX_JWKS: privateJwks(),
    IDENTITY_SANDBOX_SLOW_MS: env.positiveInt(32_000, 'milliseconds'),
  },
  refuseProduction,
);

/** Anyone can log in as anyone on the sandbox: a production deployment points the gateway at the real federations instead. */
function refuseProduction(config: { NODE_ENV?: string }): (ConfigError | undefined)[] {
  if (!production.isProduction(config)) return [];
  return [
    new ConfigError(
      'NODE_ENV',
      'development or test: the identity sandbox is a fake FranceConnect and ProConnect and refuses NODE_ENV=production',
      false,
    ),
  ];
}

export type IdentitySandboxConfig = ReturnType<typeof identitySandboxConfig.parse>;
