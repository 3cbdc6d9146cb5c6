import type { gatewayApiOperations, IdentityProvider, MeResponse } from '@salle/contracts';
import { operationPath } from '@salle/contracts/browser';
import { isApiError } from './api-error';
import { api } from './http';
import { operationClient } from './operation-client';
import { gatewayApiRoutes, gatewayAuthRoutes } from './operation-routes';

/** The gateway's own operations, from its table in the contracts. */
const gateway = operationClient<typeof gatewayApiOperations>(api, '', gatewayApiRoutes);

/** The logged-in person, or null for a visitor. */
export async function fetchMe(signal?: AbortSignal): Promise<MeResponse | null> {
  try {
    return await gateway.call('me', {}, { signal, anonymousOk: true });
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

/** A path of this app, never another site: what `returnTo` may carry. */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  if (value.startsWith('/auth/') || value.startsWith('/api/') || value.startsWith('/connexion')) return '/';
  return value;
}

/** Where the login buttons send the browser: the gateway's redirect flow, back to `returnTo` afterwards. */
export function loginUrl(provider: IdentityProvider, returnTo: string): string {
  const query = new URLSearchParams({ returnTo: safeReturnTo(returnTo) });
  return `${operationPath(gatewayAuthRoutes.login.path, { provider })}?${query.toString()}`;
}
