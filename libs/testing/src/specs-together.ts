import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Registers every spec file under `folder` (`*.spec.ts`, sorted by path) in the calling test file, each inside a
 * `describe` named after its path: the `integration` target runs a project's `test/all-specs.ts`, which calls this,
 * instead of each spec as a test file of its own.
 *
 * Why: jest gives each test file a fresh module registry, and loading TypeORM, zod, Express, the PDF stack and our
 * libs again into it cost about 0.6 CPU s per file, more than most integration specs' own work (booking's 51 files:
 * 58 CPU s apart, 28 together). Here they are loaded once per project. Each spec still starts and stops its own
 * services and databases in its own hooks, which its `describe` scopes to its own tests; what the specs share is
 * module state, which none of them may leave changed (tools/workspace-rules checks the known ways: focus, a
 * jest-wide timeout, module mocks, fake timers left on).
 *
 * Each spec file still runs alone with jest's default `testMatch`:
 * `npx jest -c apps/booking/jest.integration.config.cjs apps/booking/test/bookings.spec.ts`.
 *
 * Returns the files registered. Throws when there are none, so that a misplaced entry never passes empty.
 */
export function specsTogether(folder: string, suffix = '.spec.ts'): string[] {
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(suffix))
    .sort();
  if (files.length === 0) throw new Error(`specsTogether: no ${suffix} file under ${folder}`);
  for (const file of files)
    describe(file, () => {
      // Required here, inside its describe, so that its top-level hooks and tests belong to it alone.
      require(join(folder, file));
    });
  return files;
}
