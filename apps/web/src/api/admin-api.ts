import type { DepartmentAdmins, gatewayApiOperations } from '@salle/contracts';
import { api } from './http';
import { operationClient } from './operation-client';
import { gatewayApiRoutes } from './operation-routes';

const gateway = operationClient<typeof gatewayApiOperations>(api, '', gatewayApiRoutes);

/** For the département's admins: the admins who have logged in (the gateway knows them), by name and e-mail. */
export function departmentAdmins(signal?: AbortSignal): Promise<DepartmentAdmins> {
  return gateway.call('departmentAdmins', {}, { signal });
}
