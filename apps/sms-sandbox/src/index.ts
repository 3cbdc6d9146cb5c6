export { startSmsSandbox, SANDBOX_WARNING, type SmsSandbox, type SmsSandboxOptions } from './sms-sandbox';
export { SANDBOX_CREDENTIALS } from './config';
export type { CaughtSms } from './sms-inbox';
