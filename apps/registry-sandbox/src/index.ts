export {
  startRegistrySandbox,
  SANDBOX_WARNING,
  type RegistryFaults,
  type RegistrySandbox,
  type RegistrySandboxOptions,
} from './registry-sandbox';
export { REGISTER_RECORDS, searchRecords, type RegisterRecord } from './register-records';
