import type { FieldError } from '@salle/contracts';

export interface AppErrorOptions {
  detail?: string;
  errors?: FieldError[];
  cause?: unknown;
  /** Extra members added to the problem body (must hold nothing secret). */
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * An error that the client caused or may see. `code` is stable (clients and
 * tests branch on it); `title` is a short sentence in French.
 */
export class AppError extends Error {
  readonly detail?: string;
  readonly errors?: FieldError[];
  readonly extra?: Record<string, unknown>;
  readonly headers?: Record<string, string>;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    options: AppErrorOptions = {},
  ) {
    super(options.detail ?? title, { cause: options.cause });
    this.name = 'AppError';
    this.detail = options.detail;
    this.errors = options.errors;
    this.extra = options.extra;
    this.headers = options.headers;
  }
}

export const badRequest = (code: string, title: string, options?: AppErrorOptions) =>
  new AppError(400, code, title, options);
export const unauthorized = (detail?: string) =>
  new AppError(401, 'unauthenticated', 'Vous devez être connecté pour effectuer cette action.', { detail });
export const forbidden = (detail?: string) =>
  new AppError(403, 'forbidden', 'Vous n’avez pas le droit d’effectuer cette action.', { detail });
export const notFound = (what = 'La ressource demandée') => new AppError(404, 'not_found', `${what} est introuvable.`);
export const conflict = (code: string, title: string, options?: AppErrorOptions) =>
  new AppError(409, code, title, options);
