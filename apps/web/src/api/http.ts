import { createApiClient } from './api-client';
import type { ApiError } from './api-error';

let unauthorizedHandler: (error: ApiError) => void = () => undefined;

/** The app's client; the session layer decides what an expired session does. */
export const api = createApiClient({ onUnauthorized: (error) => unauthorizedHandler(error) });

export function onSessionExpired(handler: (error: ApiError) => void): void {
  unauthorizedHandler = handler;
}
