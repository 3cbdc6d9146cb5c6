import type { ErrorRequestHandler } from 'express';
import { AppError } from '@salle/http';
import { ProviderError } from './payment-provider';

/** A provider failure that reached a route becomes a 502/503 with a French title, not a bare 500. */
export const providerErrorHandler: ErrorRequestHandler = (error, _req, _res, next) => {
  if (!(error instanceof ProviderError)) return next(error);
  if (error.retryable) {
    return next(
      new AppError(
        503,
        'payment_provider_unavailable',
        'Le service de paiement ne répond pas. Réessayez dans quelques instants.',
        {
          cause: error,
          headers: { 'retry-after': '5' },
        },
      ),
    );
  }
  next(
    new AppError(502, 'payment_provider_refused', 'Le prestataire de paiement a refusé la demande.', {
      cause: error,
      detail: error.message,
    }),
  );
};
