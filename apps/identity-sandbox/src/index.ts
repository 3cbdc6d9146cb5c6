export {
  DEFAULT_GATEWAY_URL,
  DEFAULT_SUBJECT_SECRET,
  defaultClients,
  startIdentitySandbox,
  type IdentitySandbox,
  type IdentitySandboxOptions,
} from './identity-sandbox';
export { pairwiseSubject, type SandboxClient } from './oidc/create-provider';
export { faultCatalogue, faultNames, type FaultName, type FaultStage } from './faults/fault-catalogue';
export * from './identities';
