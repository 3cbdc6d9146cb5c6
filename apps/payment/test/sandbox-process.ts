import { startBundledApp, type BundledApp } from '@salle/testing';

/** The stripe-sandbox app as its own process (see `startBundledApp`). */
export function startSandboxProcess(env: Record<string, string>): Promise<BundledApp> {
  return startBundledApp('stripe-sandbox', env);
}
