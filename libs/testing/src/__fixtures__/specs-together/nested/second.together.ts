import { log } from '../shared-log';

it('runs without the first file’s hooks', () => {
  log.push(`second: ${expect.getState().currentTestName}`);
});
