import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '@salle/runtime';
import { AppError } from './errors';
import { sendProblem } from './problem-response';
import { malformedUrl } from './request-text';

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  /** Set by zlib on a body that does not match its Content-Encoding. */
  errno?: number;
}

// Errors raised by express.json() and raw-body, identified by their `type`.
const bodyParserProblems: Record<string, { status: number; code: string; title: string }> = {
  'entity.parse.failed': {
    status: 400,
    code: 'malformed_json',
    title: 'Le corps de la requête n’est pas un JSON valide.',
  },
  'entity.too.large': {
    status: 413,
    code: 'payload_too_large',
    title: 'Le corps de la requête est trop volumineux.',
  },
  'encoding.unsupported': {
    status: 415,
    code: 'unsupported_encoding',
    title: 'L’encodage du corps de la requête n’est pas pris en charge.',
  },
  'charset.unsupported': {
    status: 415,
    code: 'unsupported_charset',
    title: 'Le jeu de caractères du corps de la requête n’est pas pris en charge.',
  },
  'request.aborted': { status: 400, code: 'request_aborted', title: 'La requête a été interrompue.' },
  'entity.verify.failed': { status: 400, code: 'invalid_body', title: 'Le corps de la requête est refusé.' },
};

/**
 * A client error raised by Express's own layers (body parsers, router) as an
 * http-errors object without a `type`: a body that does not inflate as its
 * Content-Encoding says, a path parameter that does not decode, or anything
 * else they mark as the client's fault (`expose`).
 */
function untypedClientError(error: BodyParserError): AppError | undefined {
  const { status, expose } = error;
  if (!status || status < 400 || status > 499 || expose === false) return undefined;
  if (typeof error.errno === 'number') {
    return new AppError(
      400,
      'malformed_encoding',
      'Le corps de la requête ne correspond pas à son encodage (Content-Encoding).',
      {
        cause: error,
        detail: 'Envoyez le corps sans compression, ou compressez-le comme l’annonce l’en-tête Content-Encoding.',
      },
    );
  }
  if (error instanceof URIError) return malformedUrl(undefined, error);
  if (expose !== true) return undefined;
  return new AppError(status, 'bad_request', 'La requête est mal formée.', { cause: error });
}

function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error === null || typeof error !== 'object') return undefined;
  const parserError = error as BodyParserError;
  const known = parserError.type ? bodyParserProblems[parserError.type] : undefined;
  if (known) return new AppError(known.status, known.code, known.title, { cause: error });
  return untypedClientError(parserError);
}

/**
 * The one place where errors become HTTP answers. Known errors keep their
 * status and code; anything else is a 500 carrying only an error id, logged
 * with its cause so that an operator can find it.
 */
export function errorHandler(logger: Logger, mapError?: (error: unknown) => AppError | undefined): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const appError = toAppError(error) ?? mapError?.(error);
    if (appError) {
      // A dependency briefly unavailable is an operational event, not a bug.
      if (appError.status === 503)
        logger.warn({ reason: (error as Error).message, requestId: res.locals.requestId }, appError.title);
      else if (appError.status >= 500) logger.error({ err: error, requestId: res.locals.requestId }, appError.title);
      return sendProblem(
        res,
        {
          status: appError.status,
          code: appError.code,
          title: appError.title,
          detail: appError.detail,
          errors: appError.errors,
          instance: req.originalUrl,
          ...appError.extra,
        },
        appError.headers,
      );
    }
    const errorId = randomUUID();
    logger.error({ err: error, errorId, requestId: res.locals.requestId }, 'unexpected error');
    return sendProblem(res, {
      status: 500,
      code: 'internal_error',
      title: 'Une erreur inattendue est survenue. Réessayez plus tard.',
      detail: `Si le problème persiste, communiquez ce code au support\u00a0: ${errorId}.`,
      errorId,
    });
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(res, {
    status: 404,
    code: 'route_not_found',
    title: 'Cette adresse n’existe pas.',
    detail: `${req.method} ${req.path}`,
    instance: req.originalUrl,
  });
};
