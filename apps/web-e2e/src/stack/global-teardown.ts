import { stopDevStack } from './dev-stack';

/** Ctrl-C to `npm start`; a launcher that does not stop cleanly fails the run. */
export default async function globalTeardown(): Promise<void> {
  const stack = globalThis.__WEB_E2E_STACK__;
  if (!stack) return;
  globalThis.__WEB_E2E_STACK__ = undefined;
  const code = await stopDevStack(stack);
  if (code !== 0 || !stack.output().includes('» stopped.')) {
    throw new Error(`npm start did not stop cleanly on Ctrl-C (exit code ${code}); see ${stack.logFile}`);
  }
}
