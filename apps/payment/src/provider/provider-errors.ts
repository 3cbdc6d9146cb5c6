import type { ErrorRequestHandler } from 'express';
import { paymentProviderRefused, paymentProviderUnavailable } from '../errors';
import { ProviderError } from './payment-provider';

/** A provider failure that reached a route becomes a 502/503 with a French title, not a bare 500. */
export const providerErrorHandler: ErrorRequestHandler = (error, _req, _res, next) => {
  if (!(error instanceof ProviderError)) return next(error);
  next(error.retryable ? paymentProviderUnavailable(error) : paymentProviderRefused(error.message, error));
};
