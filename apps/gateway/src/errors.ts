import { AppError } from '@salle/http';

/**
 * The errors the gateway itself answers on `/api` (the services behind it
 * answer their own), one factory per stable code: the HTTP status and the
 * French title are written here and nowhere else. `unauthenticated` and
 * `forbidden` keep their factories in `@salle/http`; the `/auth` browser
 * flows answer French pages, not problems.
 */

const CSRF_TITLE = 'Requête refusée\u00a0: elle ne semble pas venir de Salle sur demande.';

export const csrfOriginMissing = () =>
  new AppError(403, 'csrf_origin_missing', CSRF_TITLE, { detail: 'En-tête Origin ou Referer manquant.' });
export const csrfOriginMismatch = () =>
  new AppError(403, 'csrf_origin_mismatch', CSRF_TITLE, { detail: 'Origine de la requête non autorisée.' });
export const csrfTokenMissing = () =>
  new AppError(403, 'csrf_token_missing', CSRF_TITLE, {
    detail: 'En-tête X-Requested-With ou jeton X-CSRF-Token manquant ou invalide.',
  });

export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', 'Trop de requêtes\u00a0: patientez un instant avant de réessayer.', {
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });

/** A service behind the gateway failed, not the client: the export is refused rather than given incomplete. */
export const personalDataUnavailable = () =>
  new AppError(
    502,
    'personal_data_unavailable',
    'Vos données n’ont pas pu être rassemblées\u00a0: un service ne répond pas. Réessayez dans quelques minutes.',
  );

export const auditUnavailable = () =>
  new AppError(
    502,
    'audit_unavailable',
    'Le journal d’audit n’a pas pu être rassemblé\u00a0: un service ne répond pas. Réessayez dans quelques minutes.',
  );
