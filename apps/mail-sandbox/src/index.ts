export { startMailSandbox, SANDBOX_WARNING, type MailSandbox, type MailSandboxOptions } from './mail-sandbox';
export type { CaughtMessage } from './mailbox';
