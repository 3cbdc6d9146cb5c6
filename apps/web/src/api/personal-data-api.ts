import { gatewayApiOperations, type PersonalDataExport } from '@salle/contracts';
import { api } from './http';
import { operationClient } from './operation-client';

const gateway = operationClient(api, '', gatewayApiOperations);

/** Everything the services hold about the signed-in person (« Télécharger mes données »). */
export function fetchPersonalData(signal?: AbortSignal): Promise<PersonalDataExport> {
  return gateway.call('personalData', {}, { signal });
}
