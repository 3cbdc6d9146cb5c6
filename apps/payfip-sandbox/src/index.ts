export { startPayfipSandbox, SANDBOX_WARNING, type PayfipSandbox, type PayfipSandboxOptions } from './payfip-sandbox';
export type { PayerChoice } from './engine/operations';
