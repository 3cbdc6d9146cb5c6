import { log } from './shared-log';

beforeEach(() => log.push('first: beforeEach'));

it('runs in its own describe', () => {
  log.push(`first: ${expect.getState().currentTestName}`);
});
