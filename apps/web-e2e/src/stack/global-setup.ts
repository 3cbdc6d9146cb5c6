import fs from 'node:fs';
import { ARTIFACTS, startDevStack, type RunningStack, type StartedStack } from './dev-stack';

declare global {
  var __WEB_E2E_STACK__: RunningStack | undefined;
}

/**
 * Once per run: the real stack as `npm start` runs it, shared by every spec
 * through E2E_BASE_URL. E2E_BASE_URL set beforehand points the suite at a
 * stack already running (handy while writing tests; its data then persists).
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env['E2E_BASE_URL']) {
    fs.rmSync(ARTIFACTS, { recursive: true, force: true });
    const stack = await startDevStack();
    globalThis.__WEB_E2E_STACK__ = stack;
    process.env['E2E_BASE_URL'] = stack.url;
    process.env['E2E_MAIL_SANDBOX_URL'] = stack.mailSandboxUrl;
    // What test/npm-start.spec.ts checks of the start itself.
    const started: StartedStack = { ports: stack.ports, logFile: stack.logFile, storageDir: stack.storageDir };
    process.env['E2E_STACK'] = JSON.stringify(started);
  }
  // The payment steps run only against a stack that has a payment service behind the gateway.
  const probe = await fetch(`${process.env['E2E_BASE_URL']}/api/payment/healthz`).catch(() => null);
  process.env['E2E_PAYMENT'] = probe?.ok ? '1' : '';
}
