import os from 'node:os';
import { NOTIFICATION_NICENESS, yieldCpuToInteractiveServices } from './cpu-priority';

describe('yieldCpuToInteractiveServices', () => {
  it('lowers the process to the notification niceness, and never raises a lower priority back', () => {
    const warnings: unknown[] = [];
    const logger = { warn: (...args: unknown[]) => void warnings.push(args) };
    const before = os.getPriority();
    yieldCpuToInteractiveServices(logger as never);
    expect(os.getPriority()).toBe(Math.max(before, NOTIFICATION_NICENESS));
    // Already below it: left as the operator set it (raising it back would need privileges anyway).
    os.setPriority(NOTIFICATION_NICENESS + 2);
    yieldCpuToInteractiveServices(logger as never);
    expect(os.getPriority()).toBe(NOTIFICATION_NICENESS + 2);
    expect(warnings).toEqual([]);
  });
});
