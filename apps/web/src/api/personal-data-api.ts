import type {
  ErasureRequests,
  ErasureRequestView,
  gatewayApiOperations,
  PersonalDataExport,
  RetentionSettings,
} from '@salle/contracts';
import { api } from './http';
import { operationClient } from './operation-client';
import { gatewayApiRoutes } from './operation-routes';

const gateway = operationClient<typeof gatewayApiOperations>(api, '', gatewayApiRoutes);

/** Everything the services hold about the signed-in person (« Télécharger mes données »). */
export function fetchPersonalData(signal?: AbortSignal): Promise<PersonalDataExport> {
  return gateway.call('personalData', {}, { signal });
}

/** « Supprimer mon compte »: the person's open erasure request, recorded now or earlier. */
export function requestErasure(): Promise<ErasureRequestView> {
  return gateway.call('requestErasure', {});
}

/** For the département's admins: every erasure request, open ones first by deadline. */
export function erasureRequests(signal?: AbortSignal): Promise<ErasureRequests> {
  return gateway.call('erasureRequests', {}, { signal });
}

/** For the département's admins: erase the account of the request (idempotent). */
export function executeErasure(id: string): Promise<ErasureRequestView> {
  return gateway.call('executeErasure', { params: { id } });
}

/** This deployment's retention periods, which the personal-data page states. */
export async function fetchRetentionPeriods(signal?: AbortSignal): Promise<RetentionSettings> {
  return (await gateway.call('retentionPeriods', {}, { signal })).periods;
}
