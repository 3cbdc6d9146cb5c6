import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { errors, type InteractionResults, type Provider } from 'oidc-provider';
import type { SandboxIdentity } from '../identities/sandbox-identity';
import { errorPage } from '../pages/error-page';
import { consentPage, loginPage } from '../pages/login-page';
import type { FederationProfile } from './federation-profile';

/** Claim names asked for through the `claims` parameter, so the grant releases them (e.g. `amr`). */
function claimsParameterNames(raw: unknown): string[] {
  if (typeof raw !== 'string') return [];
  try {
    const parsed = JSON.parse(raw) as Record<string, Record<string, unknown> | null | undefined>;
    return [...new Set([...Object.keys(parsed['id_token'] ?? {}), ...Object.keys(parsed['userinfo'] ?? {})])];
  } catch {
    return [];
  }
}

/** The login result of an identity: login-stage faults change what the provider records. */
function loginResult(identity: SandboxIdentity, profile: FederationProfile): InteractionResults {
  if (identity.refusal?.kind === 'redirect') {
    return { error: identity.refusal.error, error_description: identity.refusal.description };
  }
  switch (identity.fault) {
    case 'login-server-error':
      return { error: 'server_error', error_description: 'Internal server error' };
    case 'login-temporarily-unavailable':
      return { error: 'temporarily_unavailable', error_description: 'Identity provider temporarily unavailable' };
    case 'login-missing-acr':
      return { login: { accountId: identity.accountId, amr: [...profile.amr] } };
    case 'login-acr-eidas2':
      return { login: { accountId: identity.accountId, acr: 'eidas2', amr: [...profile.amr] } };
    default:
      return { login: { accountId: identity.accountId, acr: profile.loginAcr, amr: [...profile.amr] } };
  }
}

/**
 * The pages oidc-provider sends the browser to (`interactions.url`): the
 * identity list, the single sign-on confirmation, and the "back to the
 * service" link that ends the flow with `access_denied`.
 */
export function interactionRoutes(provider: Provider, profile: FederationProfile, basePath: string): Router {
  const router = express.Router();
  const identities = new Map(profile.identities.map((identity) => [identity.accountId, identity]));
  const formBody = express.urlencoded({ extended: false, limit: '10kb' });
  const pageUrl = (uid: string, action = '') => `${basePath}/interaction/${encodeURIComponent(uid)}${action}`;

  const showError = (res: Response, status: number, code: string, message: string) => {
    res
      .status(status)
      .type('html')
      .send(errorPage({ federationName: profile.displayName, code, message }));
  };

  const handle =
    (action: (req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        await action(req, res);
      } catch (error) {
        if (error instanceof errors.SessionNotFound) {
          return showError(
            res,
            400,
            'session_not_found',
            'La demande de connexion a expiré ou est introuvable. Recommencez depuis le service.',
          );
        }
        next(error);
      }
    };

  const details = async (req: Request, res: Response) => {
    const interaction = await provider.interactionDetails(req, res);
    if (interaction.uid !== req.params['uid']) throw new errors.SessionNotFound('interaction mismatch');
    const client = await provider.Client.find(String(interaction.params['client_id']));
    return { interaction, serviceName: client?.clientName ?? client?.clientId ?? 'le service' };
  };

  router.get(
    '/:uid',
    handle(async (req, res) => {
      const { interaction, serviceName } = await details(req, res);
      const uid = interaction.uid;
      if (interaction.prompt.name === 'login') {
        res.type('html').send(
          loginPage({
            federationName: profile.displayName,
            serviceName,
            action: pageUrl(uid, '/login'),
            abortUrl: pageUrl(uid, '/abort'),
            groups: profile.groups,
            identities: profile.identities,
          }),
        );
        return;
      }
      const current = identities.get(interaction.session?.accountId ?? '');
      res.type('html').send(
        consentPage({
          federationName: profile.displayName,
          serviceName,
          identityLabel: current?.label ?? 'identité inconnue',
          action: pageUrl(uid, '/confirm'),
          abortUrl: pageUrl(uid, '/abort'),
        }),
      );
    }),
  );

  router.post(
    '/:uid/login',
    formBody,
    handle(async (req, res) => {
      const { interaction } = await details(req, res);
      const identity = identities.get(String((req.body as Record<string, unknown> | undefined)?.['identity'] ?? ''));
      if (interaction.prompt.name !== 'login' || !identity) {
        return showError(res, 400, 'invalid_login', 'Identité de test inconnue.');
      }
      if (identity.refusal?.kind === 'page') {
        return showError(res, 400, identity.refusal.code, identity.refusal.message);
      }
      const result = loginResult(identity, profile);
      if (result.login) {
        // Consent is implied: FranceConnect shows no consent step to a first-time user of a service.
        const grant = new provider.Grant({
          accountId: identity.accountId,
          clientId: String(interaction.params['client_id']),
        });
        grant.addOIDCScope(String(interaction.params['scope'] ?? 'openid'));
        const claimNames = claimsParameterNames(interaction.params['claims']);
        if (claimNames.length > 0) grant.addOIDCClaims(claimNames);
        result.consent = { grantId: await grant.save() };
      }
      await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    }),
  );

  router.post(
    '/:uid/confirm',
    handle(async (req, res) => {
      const { interaction } = await details(req, res);
      const accountId = interaction.session?.accountId;
      if (interaction.prompt.name !== 'consent' || !accountId) {
        return showError(res, 400, 'invalid_request', 'Aucune connexion à confirmer.');
      }
      const grant = interaction.grantId
        ? await provider.Grant.find(interaction.grantId)
        : new provider.Grant({ accountId, clientId: String(interaction.params['client_id']) });
      if (!grant) throw new errors.SessionNotFound('grant not found');
      grant.addOIDCScope(String(interaction.params['scope'] ?? 'openid'));
      const claimNames = claimsParameterNames(interaction.params['claims']);
      if (claimNames.length > 0) grant.addOIDCClaims(claimNames);
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId: await grant.save() } },
        { mergeWithLastSubmission: true },
      );
    }),
  );

  // A link, as on FranceConnect ("Revenir sur <service>"): the service gets error=access_denied.
  router.get(
    '/:uid/abort',
    handle(async (req, res) => {
      await details(req, res);
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'User auth aborted' },
        { mergeWithLastSubmission: false },
      );
    }),
  );

  return router;
}
