import { openPorts, stopDevStack } from './dev-stack';

/** Ctrl-C to `npm start`; a launcher that does not stop cleanly, or leaves a port open, fails the run. */
export default async function globalTeardown(): Promise<void> {
  const stack = globalThis.__WEB_E2E_STACK__;
  if (!stack) return;
  globalThis.__WEB_E2E_STACK__ = undefined;
  const code = await stopDevStack(stack);
  if (code !== 0 || !stack.output().includes('» stopped.')) {
    throw new Error(`npm start did not stop cleanly on Ctrl-C (exit code ${code}); see ${stack.logFile}`);
  }
  // Every app, sandbox, metrics listener and the embedded PostgreSQL stopped with it.
  const left = await openPorts(Object.values(stack.ports));
  if (left.length > 0) {
    const names = Object.entries(stack.ports).filter(([, port]) => left.includes(port));
    throw new Error(
      `still listening after npm start stopped: ${names.map(([name, port]) => `${name}=${port}`).join(', ')}`,
    );
  }
}
