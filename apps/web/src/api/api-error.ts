import type { FieldError } from '@salle/contracts';

/** A problem+json body as the services send it, extra members (e.g. `lineErrors`) kept. */
export interface ProblemBody {
  type?: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  requestId?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** Titles for answers that came without a problem body (a proxy error page, an empty 502...). */
const FALLBACK_TITLES: Record<number, string> = {
  400: 'Certaines informations sont manquantes ou incorrectes.',
  401: 'Votre session a expiré\u00a0: reconnectez-vous pour continuer.',
  403: 'Vous n’avez pas le droit d’effectuer cette action.',
  404: 'Ce que vous cherchez est introuvable.',
  409: 'Cette action est en conflit avec une autre modification.',
  413: 'Le fichier envoyé est trop volumineux.',
  429: 'Trop de demandes en peu de temps\u00a0: patientez un instant puis réessayez.',
};

export function fallbackProblem(status: number): ProblemBody {
  const title =
    FALLBACK_TITLES[status] ??
    (status >= 500
      ? 'Le service est momentanément indisponible. Réessayez dans quelques instants.'
      : 'La demande n’a pas abouti.');
  return { title, status, code: status >= 500 ? 'unavailable' : `http_${status}` };
}

/** An API call that did not succeed: carries the problem to show (titles are in French). */
export class ApiError extends Error {
  constructor(readonly problem: ProblemBody) {
    super(problem.title);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }

  static network(): ApiError {
    return new ApiError({
      title: 'Le service ne répond pas.',
      detail: 'Vérifiez votre connexion à Internet, puis réessayez.',
      status: 0,
      code: 'network_error',
    });
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Any thrown value as an ApiError, so screens have one thing to show. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({
    title: 'Une erreur inattendue est survenue.',
    detail: 'Rechargez la page puis réessayez.',
    status: 0,
    code: 'client_error',
  });
}
