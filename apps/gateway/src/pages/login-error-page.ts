import type { IdentityProvider } from '@salle/contracts';
import type { LoginFailureReason } from '../oidc/login-failure';
import { escapeHtml, layout } from './html';

interface ErrorText {
  status: number;
  title: string;
  message: (provider: string) => string;
}

export type LoginErrorKind = LoginFailureReason | 'rate_limited' | 'logout_refused' | 'internal';

const TEXTS: Record<LoginErrorKind, ErrorText> = {
  cancelled: {
    status: 401,
    title: 'Connexion annulée',
    message: (p) =>
      `La connexion avec ${p} a été annulée ou n’a pas pu être confirmée. Aucune information n’a été transmise à Salle sur demande.`,
  },
  state_missing: {
    status: 400,
    title: 'Demande de connexion invalide',
    message: () => 'Cette demande de connexion est incomplète. Recommencez depuis la page de connexion.',
  },
  state_unknown: {
    status: 400,
    title: 'Demande de connexion expirée',
    message: () =>
      'Cette demande de connexion a expiré, a déjà été utilisée ou a été commencée dans un autre navigateur. Recommencez depuis la page de connexion.',
  },
  iss_mismatch: {
    status: 400,
    title: 'Connexion refusée',
    message: (p) => `La réponse reçue ne provient pas de ${p}. Par sécurité, la connexion a été refusée.`,
  },
  code_missing: {
    status: 400,
    title: 'Connexion refusée',
    message: (p) => `La réponse de ${p} est incomplète. Par sécurité, la connexion a été refusée.`,
  },
  token_rejected: {
    status: 400,
    title: 'Connexion expirée',
    message: (p) => `${p} n’a pas validé cette connexion (elle a expiré ou a déjà servi). Recommencez.`,
  },
  provider_error: {
    status: 502,
    title: 'Service momentanément indisponible',
    message: (p) => `${p} rencontre un problème temporaire. Réessayez dans quelques instants.`,
  },
  integration_error: {
    status: 502,
    title: 'Connexion impossible',
    message: (p) =>
      `La connexion avec ${p} n’a pas pu aboutir à cause d’une erreur de notre côté. L’équipe technique a été prévenue.`,
  },
  provider_unreachable: {
    status: 502,
    title: 'Service momentanément indisponible',
    message: (p) => `${p} est injoignable pour le moment. Réessayez dans quelques instants.`,
  },
  provider_failure: {
    status: 502,
    title: 'Service momentanément indisponible',
    message: (p) => `${p} a répondu par une erreur. Réessayez dans quelques instants.`,
  },
  provider_timeout: {
    status: 504,
    title: 'Délai dépassé',
    message: (p) => `${p} n’a pas répondu à temps. Réessayez dans quelques instants.`,
  },
  invalid_token: {
    status: 502,
    title: 'Connexion refusée',
    message: (p) => `La réponse de ${p} n’a pas passé nos contrôles de sécurité. La connexion a été refusée.`,
  },
  acr_refused: {
    status: 502,
    title: 'Connexion refusée',
    message: (p) =>
      `Le niveau de garantie de l’identité transmis par ${p} n’est pas celui attendu. La connexion a été refusée.`,
  },
  iat_in_future: {
    status: 502,
    title: 'Connexion refusée',
    message: (p) => `La réponse de ${p} n’a pas passé nos contrôles de sécurité. La connexion a été refusée.`,
  },
  invalid_claims: {
    status: 502,
    title: 'Informations d’identité incomplètes',
    message: (p) =>
      `Les informations d’identité transmises par ${p} sont incomplètes ou mal formées\u00a0: nous ne pouvons pas vous connecter. Si le problème persiste, contactez le support.`,
  },
  rate_limited: {
    status: 429,
    title: 'Trop de tentatives',
    message: () =>
      'Trop de tentatives de connexion depuis votre connexion internet. Patientez un instant avant de réessayer.',
  },
  logout_refused: {
    status: 403,
    title: 'Déconnexion refusée',
    message: () =>
      'Cette demande de déconnexion ne vient pas de Salle sur demande. Utilisez le bouton «\u00a0Se déconnecter\u00a0» de votre compte.',
  },
  internal: {
    status: 500,
    title: 'Erreur inattendue',
    message: () => 'Une erreur inattendue est survenue pendant la connexion. Réessayez dans quelques instants.',
  },
};

const LABELS: Record<IdentityProvider, string> = { franceconnect: 'FranceConnect', proconnect: 'ProConnect' };

export function loginErrorStatus(reason: LoginErrorKind): number {
  return TEXTS[reason].status;
}

/** A French page ending every refused login, with a retry link. */
export function loginErrorPage(
  reason: LoginErrorKind,
  provider: IdentityProvider | undefined,
  requestId: string,
): string {
  const text = TEXTS[reason];
  const label = provider ? LABELS[provider] : 'le service d’identification';
  const retry = provider ? `/auth/${provider}/login` : '/';
  return layout(
    text.title,
    `<section class="error">
<h1>${escapeHtml(text.title)}</h1>
<p>${escapeHtml(text.message(label))}</p>
</section>
<p class="actions"><a class="button retry" href="${retry}">Réessayer</a><a href="/">Retour à l’accueil</a></p>
<p class="reference">Référence de la demande\u00a0: ${escapeHtml(requestId)}</p>`,
  );
}

export function loggedOutPage(provider: IdentityProvider | undefined): string {
  return layout(
    'Déconnexion',
    `<h1>Vous êtes déconnecté(e)</h1>
<p>Vous êtes déconnecté(e) de Salle sur demande${provider ? ` et de ${LABELS[provider]}` : ''}.</p>
<p class="actions"><a class="button" href="/">Retour à l’accueil</a></p>`,
  );
}
