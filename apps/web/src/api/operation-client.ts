import type { OperationAnswer, OperationRequest, OperationTable } from '@salle/contracts';
import { operationPath, type OperationRoutes } from '@salle/contracts/browser';
import type { ApiClient, Query, RequestOptions } from './api-client';

/**
 * Calls a service's operations by name, typed by its operation table in the
 * contracts: the path, the method and the shapes of what is sent and answered
 * come from the table the service itself mounts and publishes, never restated
 * here. `prefix` is where the gateway serves the service (`/api/payment`);
 * `routes` is the table itself or its methods and paths alone (`operation-routes.ts`).
 */
export function operationClient<T extends OperationTable>(api: ApiClient, prefix: string, routes: OperationRoutes<T>) {
  const url = <K extends keyof T & string>(name: K, params?: Record<string, string>) =>
    `${prefix}${operationPath(routes[name].path, params)}`;
  const call = <K extends keyof T & string>(
    name: K,
    request: OperationRequest<T[K]>,
    options: RequestOptions = {},
  ): Promise<OperationAnswer<T[K]>> => {
    const { params, query, body } = request as { params?: Record<string, string>; query?: Query; body?: unknown };
    const path = url(name, params);
    const withQuery = query ? { ...options, query } : options;
    switch (routes[name].method) {
      case 'get':
        return api.get(path, withQuery);
      case 'post':
        return api.post(path, body, withQuery);
      case 'put':
        return api.put(path, body, withQuery);
      case 'patch':
        return api.patch(path, body, withQuery);
      case 'delete':
        return api.delete(path, withQuery);
    }
  };
  return { call, url };
}
